package dev.mosaic.composer.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** When the required {@code user} section fails: 503, 504 or 404 as problem+json, never a 200. */
class RequiredSectionTests extends ComposerIntegrationTest {

    @Test
    void answers404WhenTheUserServiceDoesNotKnowTheUser() {
        Backends.stub(get(urlPathMatching("/users/.+")).willReturn(aResponse().withStatus(404)));

        client.get().uri("/dashboard/{id}", freshUser()).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals("X-Dashboard-Complete", "false")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/user-not-found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.traceId").isNotEmpty()
                .jsonPath("$.sections.user.reason").isEqualTo("NOT_FOUND")
                .jsonPath("$.sections.user.attempts").isEqualTo(1);
    }

    @Test
    void answers503WhenTheUserServiceFailsAndNothingIsCached() {
        Backends.stub(get(urlPathMatching("/users/.+")).willReturn(aResponse().withStatus(503)));

        client.get().uri("/dashboard/{id}", freshUser()).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.sections.user.status").isEqualTo("FAILED")
                .jsonPath("$.sections.user.reason").isEqualTo("UPSTREAM_ERROR")
                .jsonPath("$.sections.user.attempts").isEqualTo(3)
                .jsonPath("$.sections.orders.status").isEqualTo("OK");
    }

    @Test
    void answers503WithRetryAfterWhenTheUserServiceResetsConnections() {
        Backends.stub(get(urlPathMatching("/users/.+")).willReturn(aResponse()
                .withFault(Fault.CONNECTION_RESET_BY_PEER)));

        client.get().uri("/dashboard/{id}", freshUser()).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody()
                .jsonPath("$.sections.user.status").isEqualTo("FAILED")
                .jsonPath("$.sections.user.reason").isEqualTo("CONNECT_ERROR");
    }

    @Test
    void answers504WhenTheUserServiceOutlivesTheDeadline() {
        Backends.stub(get(urlPathMatching("/users/.+")).willReturn(Backends.json(Backends.USER_JSON)
                .withFixedDelay(3000)));

        // when the answer comes (at the deadline, not at the backend's 3 s) is DeadlineAndFallbackTests'
        client.get().uri("/dashboard/{id}", freshUser()).exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(504)
                .jsonPath("$.sections.user.reason").isEqualTo("DEADLINE_EXCEEDED");
    }

    @Test
    void answers503WithRetryAfterWhileTheUserCircuitIsOpen() {
        Backends.stub(get(urlPathMatching("/users/.+")).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 5; i++) {
            client.get().uri("/dashboard/{id}", freshUser()).exchange().expectStatus().isEqualTo(503);
        }

        client.get().uri("/dashboard/{id}", freshUser()).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody()
                .jsonPath("$.sections.user.reason").isEqualTo("CIRCUIT_OPEN")
                .jsonPath("$.sections.user.attempts").isEqualTo(0);
    }

    @Test
    void servesAStaleUserWithA200() {
        String user = freshUser();
        client.get().uri("/dashboard/{id}", user).exchange().expectStatus().isOk();
        Backends.stub(get(urlPathMatching("/users/.+")).willReturn(aResponse().withStatus(503)));

        client.get().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Degraded-Sections", "user")
                .expectBody()
                .jsonPath("$.user.name").isEqualTo("Ada")
                .jsonPath("$.meta.sections.user.source").isEqualTo("STALE");
    }
}

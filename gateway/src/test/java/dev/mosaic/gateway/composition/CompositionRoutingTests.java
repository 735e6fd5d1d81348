package dev.mosaic.gateway.composition;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.newRequestPattern;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every composition is served at {@code /api} + its path, GET and HEAD, routed to the composer (the
 * WireMock stand-in) at its own path with the query and the caller's bearer token, on its own route
 * and circuit breaker. The shipped {@code order-detail} is the example: its owner is a section field,
 * so the edge only needs the token to carry {@code dashboard:read}.
 */
class CompositionRoutingTests extends GatewayIntegrationTest {

    private final String userOne = TestTokens.valid("u-1");

    @Autowired
    private CircuitBreakerRegistry breakers;

    @Test
    void compositionIsRoutedToTheComposerAtItsOwnPathWithTheQueryAndTheBearerToken() {
        backends().stubFor(get(urlPathEqualTo("/order-detail/o-1")).willReturn(okJson("{\"orderId\":\"o-1\"}")));

        client.get().uri("/api/order-detail/o-1?include=order,products")
                .header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.orderId").isEqualTo("o-1");

        backends().verify(1, getRequestedFor(urlEqualTo("/order-detail/o-1?include=order,products"))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer(userOne)))
                .withHeader("X-Request-Id", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
    }

    @Test
    void headIsRoutedAsHead() {
        backends().stubFor(any(urlEqualTo("/order-detail/o-1")).willReturn(okJson("{\"orderId\":\"o-1\"}")));

        client.head().uri("/api/order-detail/o-1").header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange()
                .expectStatus().isOk()
                .expectBody().isEmpty();

        backends().verify(1, newRequestPattern(RequestMethod.HEAD, urlEqualTo("/order-detail/o-1")));
    }

    @Test
    void postIsA405ProblemAllowingGetAndHead() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));

        var response = client.post().uri("/api/order-detail/o-1").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .bodyValue("{}").exchange()
                .expectHeader().value(HttpHeaders.ALLOW, allow -> assertThat(allow).contains("GET").contains("HEAD"));

        assertProblem(response, 405);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void deleteOnTheDashboardIsA405Problem() {
        assertProblem(client.delete().uri("/api/dashboard/u-1").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .exchange(), 405);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void withoutATokenItIsA401Problem() {
        assertProblem(client.get().uri("/api/order-detail/o-1").exchange(), 401);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTokenWithoutDashboardReadIsA403Problem() {
        String other = TestTokens.valid("u-1", "profile:write");

        assertProblem(client.get().uri("/api/order-detail/o-1").header(HttpHeaders.AUTHORIZATION, bearer(other))
                .exchange(), 403);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void readAnyWithoutDashboardReadIsStillA403Problem() {
        String anyOnly = TestTokens.valid("ops-1", "compositions:read:any");

        assertProblem(client.get().uri("/api/dashboard/u-2").header(HttpHeaders.AUTHORIZATION, bearer(anyOnly))
                .exchange(), 403);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aSectionFieldOwnerIsLeftToTheComposerWhichAnswers404() {
        // o-2 is u-2's: the edge cannot know, the composer does and answers as if it did not exist
        backends().stubFor(get(urlPathEqualTo("/order-detail/o-2")).willReturn(notFound()
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://mosaic.dev/problems/not-found\",\"status\":404}")));

        client.get().uri("/api/order-detail/o-2").header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange()
                .expectStatus().isNotFound();

        backends().verify(1, getRequestedFor(urlEqualTo("/order-detail/o-2"))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer(userOne))));
    }

    @Test
    void aPathValueThatMissesItsPatternIsA400ProblemNamingTheParameter() {
        var response = client.get().uri("/api/order-detail/o.1").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .exchange();

        assertThat(assertProblem(response, 400).get("detail").toString()).contains("orderId");
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aDashboardUserIdThatMissesItsPatternIsA400Problem() {
        String reader = TestTokens.valid("ops-1", "dashboard:read dashboard:read:any");

        var problem = assertProblem(client.get().uri("/api/dashboard/" + "a".repeat(65))
                .header(HttpHeaders.AUTHORIZATION, bearer(reader)).exchange(), 400);
        // the same problem the composer gives (and gave through the gateway before compositions)
        assertThat(problem.get("type").toString()).endsWith("/invalid-user-id");
        assertThat(problem.get("detail").toString()).isEqualTo("userId must match ^[A-Za-z0-9_-]{1,64}$");
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTrailingSlashOrASubPathIsNotTheComposition() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));

        // deny by default: no rule allows them, so they are refused before routing (403), never routed
        assertProblem(client.get().uri("/api/order-detail/o-1/").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .exchange(), 403);
        assertProblem(client.get().uri("/api/dashboard/u-2/").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .exchange(), 403);
        assertProblem(client.get().uri("/api/order-detail/o-1/x").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .exchange(), 403);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void eachCompositionHasItsOwnCircuitBreaker() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
        client.get().uri("/api/order-detail/o-1").header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange()
                .expectStatus().isOk();

        breakers.circuitBreaker("composition-order-detail").transitionToOpenState();

        assertProblem(client.get().uri("/api/order-detail/o-1").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .exchange(), 503);
        client.get().uri("/api/dashboard/u-1").header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange()
                .expectStatus().isOk();
        assertThat(breakers.circuitBreaker("dashboard").getState().name()).isEqualTo("CLOSED");
    }
}

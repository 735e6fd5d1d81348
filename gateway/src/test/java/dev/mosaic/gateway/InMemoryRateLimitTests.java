package dev.mosaic.gateway;

import java.util.ArrayList;
import java.util.List;

import dev.mosaic.gateway.support.DeadUpstreamGatewayTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.mosaic.gateway.support.GatewayIntegrationTest.assertProblem;
import static dev.mosaic.gateway.support.GatewayIntegrationTest.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory token bucket: burst 3, then 429 with Retry-After; each client has its own bucket. */
class InMemoryRateLimitTests extends DeadUpstreamGatewayTest {

    @BeforeEach
    void usersAnswer() {
        dev.mosaic.gateway.support.Upstreams.shared().backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
    }

    @Test
    void burstIsServedThenA429ProblemWithRetryAfterAndNoneRemaining() {
        String token = TestTokens.valid("rl-1");
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            remaining.add(client.get().uri("/api/users/rl-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectStatus().isOk()
                    .returnResult(String.class).getResponseHeaders().getFirst("X-RateLimit-Remaining"));
        }
        var rejected = client.get().uri("/api/users/rl-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");

        assertThat(remaining).containsExactly("2", "1", "0");
        assertThat(assertProblem(rejected, 429).get("type").toString()).endsWith("rate-limited");
    }

    @Test
    void eachSubjectHasItsOwnBucket() {
        String greedy = TestTokens.valid("rl-2");
        for (int i = 0; i < 4; i++) {
            client.get().uri("/api/users/rl-2").header(HttpHeaders.AUTHORIZATION, bearer(greedy)).exchange();
        }

        client.get().uri("/api/users/rl-3").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("rl-3"))).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", "2");
    }

    @Test
    void requestsWithoutATokenAreLimitedByClientAddress() {
        for (int i = 0; i < 3; i++) {
            client.get().uri("/not-routed").exchange().expectStatus().isNotFound();
        }

        assertProblem(client.get().uri("/not-routed").exchange(), 429);
    }
}

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
        List<Integer> statuses = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        // burst 3 at 1 request/s: even on a stalling machine, 10 quick requests must hit the limit
        for (int i = 0; i < 10 && !statuses.contains(429); i++) {
            var result = client.get().uri("/api/users/rl-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .returnResult(String.class);
            statuses.add(result.getStatus().value());
            remaining.add(result.getResponseHeaders().getFirst("X-RateLimit-Remaining"));
        }

        assertThat(statuses).startsWith(200, 200, 200).endsWith(429);
        assertThat(remaining.get(0)).as("tokens left after the first request").isEqualTo("2");
        assertThat(remaining.get(remaining.size() - 2)).as("tokens left after the last admitted request").isEqualTo("0");
        var rejected = client.get().uri("/api/users/rl-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");
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
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10 && !statuses.contains(429); i++) {
            statuses.add(client.get().uri("/not-routed").exchange().returnResult(String.class).getStatus().value());
        }

        assertThat(statuses).startsWith(404, 404, 404).endsWith(429);
    }
}

package dev.mosaic.gateway;

import java.util.ArrayList;
import java.util.List;

import dev.mosaic.gateway.support.DeadUpstreamGatewayTest;
import dev.mosaic.gateway.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.mosaic.gateway.support.GatewayIntegrationTest.assertProblem;
import static dev.mosaic.gateway.support.GatewayIntegrationTest.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory token bucket: burst 3, then 429 with Retry-After; each client has its own bucket. */
class InMemoryRateLimitTests extends DeadUpstreamGatewayTest {

    @Autowired
    private MeterRegistry meters;

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

    @Test
    void rejectionsAreCountedUnderTheRouteOfTheRejectedRequest() {
        double ordersBefore = rejected("orders");
        double usersBefore = rejected("users");
        String token = TestTokens.valid("rl-4");
        int rejections = 0;
        for (int i = 0; i < 10 && rejections < 2; i++) {
            int status = client.get().uri("/api/orders?userId=rl-4").header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .exchange().returnResult(String.class).getStatus().value();
            rejections += status == 429 ? 1 : 0;
        }

        assertThat(rejections).as("the limit was hit").isEqualTo(2);
        assertThat(rejected("orders") - ordersBefore).isEqualTo(2.0);
        assertThat(rejected("users")).as("other routes' counters do not move").isEqualTo(usersBefore);
        assertThat(meters.find("mosaic.gateway.ratelimit.rejected").counters())
                .as("one series per route id (one per composition) and 'none', nothing else")
                .extracting(counter -> counter.getId().getTag("route"))
                .containsExactlyInAnyOrder("me-dashboard", "dashboard", "composition-order-detail", "users", "orders",
                        "recommendations", "none");
    }

    private double rejected(String route) {
        return meters.get("mosaic.gateway.ratelimit.rejected").tag("route", route).counter().count();
    }
}

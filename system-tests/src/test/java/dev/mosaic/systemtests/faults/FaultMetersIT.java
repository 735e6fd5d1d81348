package dev.mosaic.systemtests.faults;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mosaic.systemtests.prometheus.PrometheusScrape;
import dev.mosaic.systemtests.stack.Backend;
import dev.mosaic.systemtests.stack.Http;
import dev.mosaic.systemtests.stack.MosaicStack;
import dev.mosaic.systemtests.stack.MosaicStackExtension;
import dev.mosaic.systemtests.stack.Part;
import dev.mosaic.systemtests.stack.StubControlPlane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Break a backend through the chaos API and watch the system say so: the composer's breaker for that
 * section opens (its state gauge), dashboards degrade with {@code CIRCUIT_OPEN} (in the body, the
 * headers and the section timer), the retry and not-permitted meters move, the stubs count the
 * injected errors, and the edge stays healthy. Then the backend recovers and the breaker closes.
 */
@ExtendWith(MosaicStackExtension.class)
@Order(2)
class FaultMetersIT {

    private static final String BREAKER = "recommendations"; // the composer names each breaker after its section
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MosaicStack stack;
    private final StubControlPlane stubs;
    private final AtomicInteger nextUser = new AtomicInteger();

    FaultMetersIT(MosaicStack stack) {
        this.stack = stack;
        this.stubs = stack.stubs();
    }

    @AfterEach
    void resetChaos() {
        stubs.resetChaos();
    }

    @Test
    void failingRecommendationsOpenTheComposersBreakerAndTheMetersShowItUntilTheyRecover() {
        stack.awaitWarm();
        String token = stubs.token("fault-driver", "dashboard:read dashboard:read:any");
        PrometheusScrape composerBefore = stack.scrape(Part.COMPOSER);
        PrometheusScrape stubsBefore = stack.scrape(Part.STUBS);
        assertThat(breakerState(composerBefore, BREAKER, "closed")).as("breaker closed before the fault").isEqualTo(1.0);

        stubs.chaos(Backend.RECOMMENDATIONS, "{\"errorRate\":1.0,\"errorStatus\":503}");
        await("the composer's " + BREAKER + " breaker to open")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    dashboard(token, "u-" + (100 + nextUser.getAndIncrement() % 100));
                    return breakerState(stack.scrape(Part.COMPOSER), BREAKER, "open") == 1.0;
                });

        // a user never asked for before: no last-known-good copy, so the static fallback
        HttpResponse<String> degraded = dashboard(token, "u-999");
        assertThat(degraded.headers().firstValue("X-Dashboard-Complete")).hasValue("false");
        assertThat(degraded.headers().firstValue("X-Degraded-Sections").orElse("")).contains("recommendations");
        JsonNode sections = JSON.readTree(degraded.body()).path("meta").path("sections");
        assertThat(sections.path("recommendations").path("status").asString()).isEqualTo("DEGRADED");
        assertThat(sections.path("recommendations").path("reason").asString()).isEqualTo("CIRCUIT_OPEN");
        assertThat(sections.path("user").path("status").asString()).isEqualTo("OK");
        assertThat(sections.path("orders").path("status").asString()).isEqualTo("OK");

        PrometheusScrape composer = stack.scrape(Part.COMPOSER);
        assertThat(breakerState(composer, BREAKER, "open")).isEqualTo(1.0);
        assertThat(breakerState(composer, BREAKER, "closed")).isZero();
        assertThat(breakerState(composer, "user", "closed")).as("the user breaker is not affected").isEqualTo(1.0);
        assertThat(breakerState(composer, "orders", "closed")).as("the orders breaker is not affected").isEqualTo(1.0);
        assertMoved(composerBefore, composer, "mosaic_section_seconds_count", Map.of("section", BREAKER, "reason", "CIRCUIT_OPEN"));
        assertMoved(composerBefore, composer, "resilience4j_circuitbreaker_not_permitted_calls_total", Map.of("name", BREAKER));
        assertMoved(composerBefore, composer, "resilience4j_circuitbreaker_calls_seconds_count", Map.of("name", BREAKER, "kind", "failed"));
        assertMoved(composerBefore, composer, "resilience4j_retry_calls_total", Map.of("name", BREAKER, "kind", "failed_with_retry"));
        assertMoved(stubsBefore, stack.scrape(Part.STUBS), "mosaic_stubs_requests_total", Map.of("service", BREAKER, "chaos", "error"));
        // the composer answered 200 throughout: the edge's breaker for the dashboard route stays closed
        assertThat(breakerState(stack.scrape(Part.GATEWAY), "dashboard", "closed")).isEqualTo(1.0);

        stubs.resetChaos();
        // open for its wait (5 s), then half-open probes succeed and it closes
        await("the composer's " + BREAKER + " breaker to close again")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    dashboard(token, "u-" + (100 + nextUser.getAndIncrement() % 100));
                    return breakerState(stack.scrape(Part.COMPOSER), BREAKER, "closed") == 1.0;
                });
    }

    private HttpResponse<String> dashboard(String token, String userId) {
        HttpResponse<String> response = Http.send(Http.get(stack.gatewayUrl() + "/api/dashboard/" + userId)
                .header("Authorization", "Bearer " + token));
        // recommendations are optional: whatever happens to them, the dashboard is a 200
        assertThat(response.statusCode()).as("dashboard %s: %s", userId, response.body()).isEqualTo(200);
        return response;
    }

    private static double breakerState(PrometheusScrape scrape, String name, String state) {
        return scrape.sum("resilience4j_circuitbreaker_state", Map.of("name", name, "state", state));
    }

    private static void assertMoved(PrometheusScrape before, PrometheusScrape after, String metric, Map<String, String> labels) {
        assertThat(after.matching(metric, labels)).as("%s%s exists", metric, labels).isNotEmpty();
        assertThat(after.sum(metric, labels)).as("%s%s moved", metric, labels).isGreaterThan(before.sum(metric, labels));
    }
}

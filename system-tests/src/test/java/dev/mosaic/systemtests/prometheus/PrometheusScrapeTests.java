package dev.mosaic.systemtests.prometheus;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusScrapeTests {

    private static final String TEXT = """
            # HELP resilience4j_circuitbreaker_state The states of the circuit breaker
            # TYPE resilience4j_circuitbreaker_state gauge
            resilience4j_circuitbreaker_state{name="orders",state="closed"} 1.0
            resilience4j_circuitbreaker_state{name="orders",state="open"} 0.0
            resilience4j_circuitbreaker_state{name="recommendations",state="open"} 1.0
            mosaic_stubs_requests_total{chaos="error",service="orders"} 12.0
            mosaic_stubs_requests_total{chaos="none",service="orders"} 30.0
            odd_total{path="/a,b",quote="say \\"hi\\"",slash="a\\\\b"} 3 1700000000000
            process_uptime_seconds 42.5
            le_bucket{le="+Inf"} +Inf
            """;

    private final PrometheusScrape scrape = PrometheusScrape.parse(TEXT);

    @Test
    void skipsCommentsAndReadsEverySample() {
        assertThat(scrape.samples()).hasSize(8);
        assertThat(scrape.names()).containsExactly("le_bucket", "mosaic_stubs_requests_total", "odd_total",
                "process_uptime_seconds", "resilience4j_circuitbreaker_state");
    }

    @Test
    void sumsTheSamplesWhoseLabelsIncludeTheGivenOnes() {
        assertThat(scrape.sum("resilience4j_circuitbreaker_state", Map.of("name", "recommendations", "state", "open"))).isEqualTo(1.0);
        assertThat(scrape.sum("resilience4j_circuitbreaker_state", Map.of("name", "orders", "state", "open"))).isZero();
        assertThat(scrape.sum("mosaic_stubs_requests_total", Map.of("service", "orders"))).isEqualTo(42.0);
        assertThat(scrape.sum("no_such_metric", Map.of())).isZero();
    }

    @Test
    void unescapesLabelValuesAndIgnoresTimestamps() {
        PrometheusScrape.Sample odd = scrape.matching("odd_total", Map.of()).get(0);

        assertThat(odd.labels()).containsEntry("path", "/a,b").containsEntry("quote", "say \"hi\"").containsEntry("slash", "a\\b");
        assertThat(odd.value()).isEqualTo(3.0);
        assertThat(scrape.sum("process_uptime_seconds", Map.of())).isEqualTo(42.5);
        assertThat(scrape.sum("le_bucket", Map.of())).isInfinite();
    }

    @Test
    void listsTheLabelNamesOfASeries() {
        assertThat(scrape.labelNames("mosaic_stubs_requests_total")).containsExactly("chaos", "service");
        assertThat(scrape.labelNames("process_uptime_seconds")).isEmpty();
    }
}

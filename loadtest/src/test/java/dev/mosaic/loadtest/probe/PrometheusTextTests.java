package dev.mosaic.loadtest.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PrometheusTextTests {

    private static final String COMPOSER = """
            # HELP resilience4j_circuitbreaker_state The states of the circuit breaker
            # TYPE resilience4j_circuitbreaker_state gauge
            resilience4j_circuitbreaker_state{application="mosaic-composer",name="recommendations",state="closed"} 0.0
            resilience4j_circuitbreaker_state{application="mosaic-composer",name="recommendations",state="open"} 1.0
            resilience4j_circuitbreaker_state{application="mosaic-composer",name="recommendations",state="half_open"} 0.0
            resilience4j_circuitbreaker_state{name="orders",state="closed"} 1.0
            resilience4j_circuitbreaker_state{name="orders",state="open"} 0.0
            process_files_open_files 26.0
            mosaic_stub_requests_total{service="orders",status="200"} 120.0 1700000000000
            mosaic_stub_requests_total{service="orders",status="503"} 30.0
            weird_label{path="a \\"quoted\\" \\\\ value, with comma"} 1
            not a sample line
            """;

    private final PrometheusText text = PrometheusText.parse(COMPOSER);

    @Test
    void readsTheStateWhoseGaugeIsOne() {
        assertThat(CircuitState.in(text, "recommendations")).contains(CircuitState.OPEN);
        assertThat(CircuitState.in(text, "orders")).contains(CircuitState.CLOSED);
        assertThat(CircuitState.in(text, "user")).isEmpty();
    }

    @Test
    void sumsEverySeriesOfACounterIgnoringTimestamps() {
        assertThat(text.sum("mosaic_stub_requests_total", Map.of("service", "orders"))).contains(150.0);
        assertThat(text.sum("mosaic_stub_requests_total", Map.of("service", "user"))).isEmpty();
        assertThat(text.sum("process_files_open_files", Map.of())).contains(26.0);
    }

    @Test
    void unescapesLabelValuesAndSkipsLinesThatAreNotSamples() {
        assertThat(text.find("weird_label", Map.of())).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("path", "a \"quoted\" \\ value, with comma"));
        assertThat(text.has("not")).isFalse();
        assertThat(text.samples()).hasSize(9);
    }

    @Test
    void readsSpecialValues() {
        PrometheusText special = PrometheusText.parse("a +Inf\nb NaN\nc -Inf\nd 1e3\n");

        assertThat(special.sum("a", Map.of())).contains(Double.POSITIVE_INFINITY);
        assertThat(special.sum("b", Map.of()).orElseThrow()).isNaN();
        assertThat(special.sum("d", Map.of())).contains(1000.0);
    }

    @Test
    void anEmptyScrapeHasNothing() {
        assertThat(PrometheusText.empty().samples()).isEmpty();
        assertThat(CircuitState.in(PrometheusText.empty(), "orders")).isEmpty();
    }
}

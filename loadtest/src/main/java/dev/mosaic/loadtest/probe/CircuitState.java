package dev.mosaic.loadtest.probe;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Resilience4j circuit breaker's state as the suite records it, plus {@link #UNKNOWN} for a second
 * in which nothing told us.
 */
public enum CircuitState {
    CLOSED, OPEN, HALF_OPEN, DISABLED, FORCED_OPEN, METRICS_ONLY, UNKNOWN;

    /** The gauge Resilience4j's Micrometer binder exports: 1 for the current state, 0 for the others. */
    public static final String STATE_METRIC = "resilience4j_circuitbreaker_state";

    /** The state named by a {@code state} label ({@code closed}, {@code half_open}, …). */
    public static Optional<CircuitState> fromLabel(String label) {
        try {
            return Optional.of(valueOf(label.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The state of circuit breaker {@code name} in a scrape, or empty when the scrape has none. */
    public static Optional<CircuitState> in(PrometheusText scrape, String name) {
        return scrape.find(STATE_METRIC, Map.of("name", name)).stream()
                .filter(s -> s.value() >= 0.5)
                .map(s -> s.labels().get("state"))
                .filter(label -> label != null)
                .map(CircuitState::fromLabel)
                .flatMap(Optional::stream)
                .findFirst();
    }
}

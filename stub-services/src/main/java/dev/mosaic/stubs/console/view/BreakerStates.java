package dev.mosaic.stubs.console.view;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.mosaic.stubs.console.scrape.MetricSamples;
import dev.mosaic.stubs.console.scrape.MetricSamples.Sample;

/** Reads breaker states and failure rates from Resilience4j's Micrometer gauges, the same in both parts. */
final class BreakerStates {

    static final String STATE = "resilience4j_circuitbreaker_state";
    static final String FAILURE_RATE = "resilience4j_circuitbreaker_failure_rate";

    private BreakerStates() {
    }

    /** Each breaker's current state ({@code CLOSED}, {@code OPEN}, …), by name, sorted by name. */
    static Map<String, String> of(MetricSamples samples) {
        Map<String, String> states = new java.util.TreeMap<>();
        for (Sample sample : samples.all(STATE)) {
            states.putIfAbsent(sample.label("name"), ConsoleFrame.UNKNOWN);
            if (sample.value() == 1.0) {
                states.put(sample.label("name"), sample.label("state").toUpperCase(Locale.ROOT));
            }
        }
        return states;
    }

    /** Failure rates in percent by breaker name; a breaker without enough calls yet (-1) is left out. */
    static Map<String, Double> failureRates(MetricSamples samples) {
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Sample sample : samples.all(FAILURE_RATE)) {
            if (sample.value() >= 0) {
                rates.put(sample.label("name"), sample.value());
            }
        }
        return rates;
    }
}

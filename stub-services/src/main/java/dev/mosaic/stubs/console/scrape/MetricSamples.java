package dev.mosaic.stubs.console.scrape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One scrape of a Prometheus endpoint: every sample, looked up by metric name.
 *
 * <pre>{@code
 * MetricSamples samples = PrometheusText.parse(text);
 * double open = samples.sum("resilience4j_circuitbreaker_state", s -> s.is("name", "orders") && s.is("state", "open"));
 * }</pre>
 */
public final class MetricSamples {

    /**
     * One line of the exposition format.
     *
     * @param name   the metric name as exposed ({@code mosaic_section_seconds_bucket})
     * @param labels its labels, in the order exposed
     * @param value  the value ({@code +Inf}, {@code NaN} as the doubles they name)
     */
    public record Sample(String name, Map<String, String> labels, double value) {

        /** A label's value, or {@code ""} when the sample has no such label. */
        public String label(String key) {
            return labels.getOrDefault(key, "");
        }

        /** Whether the label has that value. */
        public boolean is(String key, String value) {
            return value.equals(labels.get(key));
        }
    }

    private static final MetricSamples EMPTY = new MetricSamples(Map.of());

    private final Map<String, List<Sample>> byName;

    MetricSamples(Map<String, List<Sample>> byName) {
        this.byName = byName;
    }

    /** No samples at all. */
    public static MetricSamples empty() {
        return EMPTY;
    }

    /** Every sample of one metric, in the order exposed; empty when there is none. */
    public List<Sample> all(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Every sample of one metric that matches. */
    public List<Sample> matching(String name, Predicate<Sample> filter) {
        return all(name).stream().filter(filter).toList();
    }

    /** The sum of the matching samples' values, {@code 0} when none matches. */
    public double sum(String name, Predicate<Sample> filter) {
        double sum = 0;
        for (Sample sample : all(name)) {
            if (filter.test(sample)) {
                sum += sample.value();
            }
        }
        return sum;
    }

    /** Whether any sample of the metric matches. */
    public boolean has(String name, Predicate<Sample> filter) {
        return all(name).stream().anyMatch(filter);
    }

    /** Metric names, for diagnostics. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        byName.forEach((name, samples) -> counts.put(name, samples.size()));
        return counts;
    }
}

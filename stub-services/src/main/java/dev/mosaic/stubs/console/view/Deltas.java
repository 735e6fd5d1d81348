package dev.mosaic.stubs.console.view;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.mosaic.stubs.console.scrape.MetricSamples;
import dev.mosaic.stubs.console.scrape.MetricSamples.Sample;

/**
 * How much counters and histogram buckets grew between two scrapes of one part, as Prometheus's
 * {@code increase()} would see it: a series that went down was reset (a restart), so its whole
 * current value is the increase; a series the previous scrape did not have was created since, so
 * the same. Without a previous scrape nothing is known and every increase is {@code null}.
 */
final class Deltas {

    private final MetricSamples current;
    private final MetricSamples previous;
    private final double seconds;
    private final Map<String, Map<Map<String, String>, Double>> previousByName = new HashMap<>();

    /**
     * @param previous the earlier scrape, or {@code null} when there is none to compare with
     * @param seconds  time between the two scrapes
     */
    Deltas(MetricSamples current, MetricSamples previous, double seconds) {
        this.current = current;
        this.previous = previous;
        this.seconds = seconds;
    }

    MetricSamples current() {
        return current;
    }

    double seconds() {
        return seconds;
    }

    /** Whether rates can be told at all. */
    boolean known() {
        return previous != null && seconds > 0;
    }

    /** The summed increase of the matching series, per second; {@code null} when unknown. */
    Double rate(String name, Predicate<Sample> filter) {
        if (!known()) {
            return null;
        }
        double increase = 0;
        for (Sample sample : current.all(name)) {
            if (filter.test(sample)) {
                increase += increase(sample);
            }
        }
        return increase / seconds;
    }

    /** Increases per second grouped by {@code key}, in first-seen order; empty when unknown. */
    Map<String, Double> rateBy(String name, Predicate<Sample> filter, Function<Sample, String> key) {
        Map<String, Double> rates = new LinkedHashMap<>();
        if (!known()) {
            return rates;
        }
        for (Sample sample : current.all(name)) {
            if (filter.test(sample)) {
                rates.merge(key.apply(sample), increase(sample) / seconds, Double::sum);
            }
        }
        return rates;
    }

    /** The increase of each cumulative bucket ({@code le} → count) of the matching series, summed over them. */
    NavigableMap<Double, Double> bucketIncrease(String histogram, Predicate<Sample> filter) {
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        if (!known()) {
            return buckets;
        }
        for (Sample sample : current.all(histogram + "_bucket")) {
            if (filter.test(sample)) {
                Double le = upperBound(sample.label("le"));
                if (le != null) {
                    buckets.merge(le, increase(sample), Double::sum);
                }
            }
        }
        return buckets;
    }

    private double increase(Sample sample) {
        Double before = previousOf(sample.name()).get(sample.labels());
        if (before == null || sample.value() < before) {
            return sample.value();
        }
        return sample.value() - before;
    }

    private Map<Map<String, String>, Double> previousOf(String name) {
        return previousByName.computeIfAbsent(name, n -> {
            Map<Map<String, String>, Double> byLabels = new HashMap<>();
            for (Sample sample : previous.all(n)) {
                byLabels.put(sample.labels(), sample.value());
            }
            return byLabels;
        });
    }

    private static Double upperBound(String le) {
        if ("+Inf".equals(le)) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(le);
        }
        catch (NumberFormatException e) {
            return null;
        }
    }
}

package dev.mosaic.stubs.console.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.mosaic.stubs.console.scrape.MetricSamples.Sample;

/**
 * The composer's part of the view, from its meters (composer/README.md, Observability):
 * {@code mosaic_section_seconds} (composition, section, status, reason), {@code mosaic_composition_seconds}
 * (composition, outcome), {@code mosaic_section_attempts_total} (source, result),
 * {@code mosaic_retry_budget_*} (source), and Resilience4j's breaker and bulkhead gauges (name = source).
 */
final class ComposerViews {

    static final String SECTION = "mosaic_section_seconds";
    static final String COMPOSITION = "mosaic_composition_seconds";
    static final String ATTEMPTS = "mosaic_section_attempts_total";
    static final String BUDGET_DECISIONS = "mosaic_retry_budget_total";
    static final String BUDGET_LEFT = "mosaic_retry_budget_available";
    static final String NOT_PERMITTED = "resilience4j_circuitbreaker_not_permitted_calls_total";
    static final String BULKHEAD_AVAILABLE = "resilience4j_bulkhead_available_concurrent_calls";
    static final String BULKHEAD_MAX = "resilience4j_bulkhead_max_allowed_concurrent_calls";

    private final Deltas deltas;

    ComposerViews(Deltas deltas) {
        this.deltas = deltas;
    }

    List<ConsoleFrame.Source> sources(Map<String, String> states) {
        Set<String> names = new TreeSet<>(states.keySet());
        deltas.current().all(BUDGET_LEFT).forEach(s -> names.add(s.label("source")));
        deltas.current().all(BULKHEAD_MAX).forEach(s -> names.add(s.label("name")));
        deltas.current().all(ATTEMPTS).forEach(s -> names.add(s.label("source")));
        List<ConsoleFrame.Source> sources = new ArrayList<>();
        for (String name : names) {
            Map<String, Double> results = deltas.rateBy(ATTEMPTS, s -> s.is("source", name), s -> s.label("result"));
            results.values().removeIf(rate -> rate == 0);
            Integer max = gauge(BULKHEAD_MAX, "name", name);
            Integer available = gauge(BULKHEAD_AVAILABLE, "name", name);
            sources.add(new ConsoleFrame.Source(name, states.getOrDefault(name, ConsoleFrame.UNKNOWN),
                    deltas.rate(ATTEMPTS, s -> s.is("source", name)), results,
                    deltas.rate(NOT_PERMITTED, s -> s.is("name", name)),
                    deltas.rate(BUDGET_DECISIONS, s -> s.is("source", name) && s.is("decision", "granted")),
                    deltas.rate(BUDGET_DECISIONS, s -> s.is("source", name) && s.is("decision", "denied")),
                    budgetLeft(name),
                    max == null || available == null ? null : max - available, max));
        }
        return sources;
    }

    List<ConsoleFrame.Section> sections() {
        Set<List<String>> keys = new LinkedHashSet<>();
        for (Sample sample : deltas.current().all(SECTION + "_count")) {
            keys.add(List.of(sample.label("composition"), sample.label("section")));
        }
        List<ConsoleFrame.Section> sections = new ArrayList<>();
        for (List<String> key : keys.stream().sorted((a, b) -> (a.get(0) + "/" + a.get(1)).compareTo(b.get(0) + "/" + b.get(1))).toList()) {
            String composition = key.get(0);
            String section = key.get(1);
            java.util.function.Predicate<Sample> answered = s -> s.is("composition", composition)
                    && s.is("section", section) && !s.is("status", "SKIPPED");
            Double rate = deltas.rate(SECTION + "_count", answered);
            Map<String, Double> byStatus = deltas.rateBy(SECTION + "_count", answered, s -> s.label("status"));
            Map<String, Double> byReason = deltas.rateBy(SECTION + "_count",
                    answered.and(s -> !s.is("status", "OK")), s -> s.label("reason"));
            var buckets = deltas.bucketIncrease(SECTION, answered);
            sections.add(new ConsoleFrame.Section(composition, section, rate,
                    Quantiles.millis(0.50, buckets), Quantiles.millis(0.99, buckets),
                    share(byStatus.getOrDefault("DEGRADED", 0.0), rate),
                    share(byStatus.getOrDefault("FAILED", 0.0), rate),
                    shares(byReason, rate)));
        }
        return sections;
    }

    List<ConsoleFrame.Composition> compositions() {
        Set<String> names = new TreeSet<>();
        deltas.current().all(COMPOSITION + "_count").forEach(s -> names.add(s.label("composition")));
        List<ConsoleFrame.Composition> compositions = new ArrayList<>();
        for (String name : names) {
            Double rate = deltas.rate(COMPOSITION + "_count", s -> s.is("composition", name));
            Map<String, Double> outcomes = deltas.rateBy(COMPOSITION + "_count", s -> s.is("composition", name),
                    s -> s.label("outcome"));
            compositions.add(new ConsoleFrame.Composition(name, rate,
                    Quantiles.millis(0.99, deltas.bucketIncrease(COMPOSITION, s -> s.is("composition", name))),
                    shares(outcomes, rate)));
        }
        return compositions;
    }

    private Double budgetLeft(String source) {
        List<Sample> left = deltas.current().matching(BUDGET_LEFT, s -> s.is("source", source));
        return left.isEmpty() ? null : left.get(0).value();
    }

    private Integer gauge(String name, String label, String value) {
        List<Sample> samples = deltas.current().matching(name, s -> s.is(label, value));
        return samples.isEmpty() ? null : (int) Math.round(samples.get(0).value());
    }

    static Double share(double part, Double whole) {
        return whole == null || whole == 0 ? null : part / whole;
    }

    static Map<String, Double> shares(Map<String, Double> parts, Double whole) {
        Map<String, Double> shares = new LinkedHashMap<>();
        if (whole == null || whole == 0) {
            return shares;
        }
        parts.forEach((key, part) -> {
            if (part > 0) {
                shares.put(key, part / whole);
            }
        });
        return shares;
    }
}

package dev.mosaic.systemtests.prometheus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One scrape of a Prometheus text exposition ({@code /actuator/prometheus}): the samples, by series
 * name and labels. Enough of the format for assertions: comments are skipped, label values are
 * unescaped, timestamps ignored.
 *
 * <pre>{@code
 * PrometheusScrape scrape = PrometheusScrape.parse(body);
 * scrape.sum("resilience4j_circuitbreaker_state", Map.of("name", "orders", "state", "open"));
 * }</pre>
 */
public final class PrometheusScrape {

    /** One line of the exposition: series name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusScrape(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    public static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(parseSample(trimmed));
            }
        }
        return new PrometheusScrape(samples);
    }

    private static Sample parseSample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq).strip();
                i = eq + 1;
                if (line.charAt(i) != '"') {
                    throw new IllegalArgumentException("label value not quoted in: " + line);
                }
                StringBuilder value = new StringBuilder();
                i++;
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char next = line.charAt(++i);
                        value.append(next == 'n' ? '\n' : next);
                    }
                    else {
                        value.append(c);
                    }
                    i++;
                }
                labels.put(label, value.toString());
                i++;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        return new Sample(name, Collections.unmodifiableMap(labels), parseValue(rest[0]));
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every series name in the scrape (e.g. {@code mosaic_section_seconds_count}). */
    public Set<String> names() {
        return samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** The label names that series {@code name} carries, over all its samples. */
    public Set<String> labelNames(String name) {
        return samples.stream().filter(s -> s.name().equals(name))
                .flatMap(s -> s.labels().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Sum of the samples named {@code name} whose labels include all of {@code labels}; 0 when none. */
    public double sum(String name, Map<String, String> labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The samples named {@code name} whose labels include all of {@code labels}. */
    public List<Sample> matching(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }
}

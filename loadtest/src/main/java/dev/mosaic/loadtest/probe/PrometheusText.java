package dev.mosaic.loadtest.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Samples read from a Prometheus text exposition ({@code /actuator/prometheus}), enough of the
 * format to find a metric by name and labels: comments are skipped, label values are unescaped,
 * an optional timestamp after the value is ignored.
 *
 * <pre>{@code
 * PrometheusText text = PrometheusText.parse(body);
 * double open = text.value("resilience4j_circuitbreaker_state", Map.of("name", "recommendations", "state", "open"));
 * }</pre>
 */
public final class PrometheusText {

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** One line of the exposition: a metric name, its labels and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }

    /**
     * Reads an exposition. Lines that are not samples (comments, blanks) are skipped; a malformed
     * sample line is skipped too rather than failing the whole scrape.
     */
    public static PrometheusText parse(String body) {
        List<Sample> samples = new ArrayList<>();
        for (String raw : body.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            parseLine(line).ifPresent(samples::add);
        }
        return new PrometheusText(samples);
    }

    /** No samples at all (what an unreachable endpoint gives). */
    public static PrometheusText empty() {
        return new PrometheusText(List.of());
    }

    private static Optional<Sample> parseLine(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        int rest;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int end = parseLabels(line, brace + 1, labels);
            if (end < 0) {
                return Optional.empty();
            }
            rest = end + 1;
        } else {
            name = line.substring(0, space);
            rest = space;
        }
        String[] tail = line.substring(rest).strip().split("\\s+");
        if (tail.length == 0 || tail[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Sample(name, labels, parseValue(tail[0])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Reads {@code a="x",b="y"} up to the closing brace; answers its index, or -1 if malformed. */
    private static int parseLabels(String line, int from, Map<String, String> labels) {
        int i = from;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                return -1;
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length(); j++) {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else if (v == '"') {
                    break;
                } else {
                    value.append(v);
                }
            }
            if (j >= line.length()) {
                return -1;
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
        return -1;
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    /** Every sample. */
    public List<Sample> samples() {
        return samples;
    }

    /** Samples of metric {@code name} whose labels include all of {@code labels}. */
    public List<Sample> find(String name, Map<String, String> labels) {
        Predicate<Sample> matches = s -> s.name().equals(name)
                && labels.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey())));
        return samples.stream().filter(matches).toList();
    }

    /** Whether any sample of metric {@code name} is present. */
    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /**
     * The sum of the matching samples (several series can match when other labels differ, e.g. a
     * counter per status), or empty when none matches.
     */
    public Optional<Double> sum(String name, Map<String, String> labels) {
        List<Sample> found = find(name, labels);
        return found.isEmpty() ? Optional.empty()
                : Optional.of(found.stream().mapToDouble(Sample::value).sum());
    }
}

package dev.mosaic.stubs.console.scrape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader of the Prometheus text exposition format (version 0.0.4, what Micrometer's
 * {@code /actuator/prometheus} writes): {@code name{label="value",…} value [timestamp]}, comments
 * and blank lines skipped, label values unescaped ({@code \\}, {@code \"}, {@code \n}). A line it
 * cannot read is skipped rather than failing the whole scrape: one odd meter must not blind the
 * console.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** Every sample of {@code text}. */
    public static MetricSamples parse(String text) {
        Map<String, List<MetricSamples.Sample>> byName = new HashMap<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            MetricSamples.Sample sample = line(text, start, end);
            if (sample != null) {
                byName.computeIfAbsent(sample.name(), name -> new ArrayList<>()).add(sample);
            }
            start = end + 1;
        }
        return new MetricSamples(byName);
    }

    private static MetricSamples.Sample line(String text, int start, int end) {
        int i = skipSpaces(text, start, end);
        if (i >= end || text.charAt(i) == '#') {
            return null;
        }
        int nameStart = i;
        while (i < end && isNameChar(text.charAt(i))) {
            i++;
        }
        if (i == nameStart) {
            return null;
        }
        String name = text.substring(nameStart, i);
        Map<String, String> labels = Map.of();
        if (i < end && text.charAt(i) == '{') {
            labels = new LinkedHashMap<>();
            i = labels(text, i + 1, end, labels);
            if (i < 0) {
                return null;
            }
        }
        i = skipSpaces(text, i, end);
        int valueEnd = i;
        while (valueEnd < end && !Character.isWhitespace(text.charAt(valueEnd))) {
            valueEnd++;
        }
        Double value = value(text.substring(i, valueEnd));
        return value == null ? null : new MetricSamples.Sample(name, labels, value);
    }

    /** Reads {@code key="value",…}} into {@code labels}; the index after '}' or -1 when malformed. */
    private static int labels(String text, int i, int end, Map<String, String> labels) {
        while (i < end) {
            i = skipSpaces(text, i, end);
            if (i < end && text.charAt(i) == '}') {
                return i + 1;
            }
            int keyStart = i;
            while (i < end && isNameChar(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            if (key.isEmpty() || i + 1 >= end || text.charAt(i) != '=' || text.charAt(i + 1) != '"') {
                return -1;
            }
            i += 2;
            StringBuilder value = new StringBuilder();
            while (i < end && text.charAt(i) != '"') {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < end) {
                    char next = text.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                i++;
            }
            if (i >= end) {
                return -1;
            }
            labels.put(key, value.toString());
            i++;
            if (i < end && text.charAt(i) == ',') {
                i++;
            }
        }
        return -1;
    }

    private static Double value(String token) {
        return switch (token) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(token);
                }
                catch (NumberFormatException e) {
                    yield null;
                }
            }
        };
    }

    private static int skipSpaces(String text, int i, int end) {
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}

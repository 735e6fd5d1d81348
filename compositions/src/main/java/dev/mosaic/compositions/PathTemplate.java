package dev.mosaic.compositions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A composition's path on the composer, {@code /order-detail/{orderId}}: literal segments and
 * whole-segment variables. The gateway serves it at {@code /api} + the same path.
 */
public final class PathTemplate {

    /**
     * One segment.
     *
     * @param text the literal text, or the variable's name
     * @param variable whether it is a variable
     */
    public record Segment(String text, boolean variable) {
    }

    private final String text;
    private final List<Segment> segments;

    PathTemplate(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /** The path as written (Spring's path-pattern syntax as well). */
    public String text() {
        return text;
    }

    /** Its segments in order. */
    public List<Segment> segments() {
        return segments;
    }

    /** The variables' names, in path order. */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        for (Segment s : segments) {
            if (s.variable()) {
                names.add(s.text());
            }
        }
        return names;
    }

    /**
     * Whether some request path could match both this path and {@code other}: same number of
     * segments, and at every position equal literals, two variables, or a variable whose pattern
     * accepts the other's literal.
     */
    boolean overlaps(PathTemplate other, Map<String, Pattern> patterns, Map<String, Pattern> otherPatterns) {
        if (segments.size() != other.segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            Segment a = segments.get(i);
            Segment b = other.segments.get(i);
            if (a.variable() && b.variable()) {
                continue;
            }
            if (a.variable()) {
                if (!accepts(patterns.get(a.text()), b.text())) {
                    return false;
                }
            } else if (b.variable()) {
                if (!accepts(otherPatterns.get(b.text()), a.text())) {
                    return false;
                }
            } else if (!a.text().equals(b.text())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether this path falls under {@code prefix} (a literal path such as {@code /users}): its first
     * segments are the prefix's, or variables accepting them.
     */
    boolean under(String prefix, Map<String, Pattern> patterns) {
        String[] parts = prefix.substring(1).split("/");
        if (segments.size() < parts.length) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            Segment s = segments.get(i);
            if (s.variable() ? !accepts(patterns.get(s.text()), parts[i]) : !s.text().equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean accepts(Pattern pattern, String literal) {
        return pattern == null || pattern.matcher(literal).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}

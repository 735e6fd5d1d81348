package dev.mosaic.compositions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code {placeholder}} syntax: request templates, owners and composition paths. */
final class TemplateSyntax {

    /** {@code name}, {@code section.a.b}, {@code section.items[*].id}, {@code section[*]}. */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "([A-Za-z][A-Za-z0-9_-]*)((?:\\.[A-Za-z_][A-Za-z0-9_-]*)*)(\\[\\*]((?:\\.[A-Za-z_][A-Za-z0-9_-]*)*))?");
    static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern LITERAL_SEGMENT = Pattern.compile("[A-Za-z0-9._~-]+");

    /** A template problem, reported with the field it was found in. */
    static final class SyntaxException extends Exception {
        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    /** A parsed placeholder before it is resolved: a bare name, or a reference. */
    record Placeholder(String name, Reference reference) {
        boolean bare() {
            return reference == null;
        }
    }

    private TemplateSyntax() {
    }

    /** Splits text into literals and placeholders (resolved later). */
    static List<Object> split(String text) throws SyntaxException {
        List<Object> pieces = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            int stray = text.indexOf('}', i);
            if (stray >= 0 && (open < 0 || stray < open)) {
                throw new SyntaxException("'}' at position " + stray + " closes nothing");
            }
            if (open < 0) {
                pieces.add(text.substring(i));
                break;
            }
            if (open > i) {
                pieces.add(text.substring(i, open));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new SyntaxException("'{' at position " + open + " is never closed");
            }
            String inner = text.substring(open + 1, close);
            if (inner.indexOf('{') >= 0) {
                throw new SyntaxException("'{' at position " + open + " is never closed");
            }
            pieces.add(placeholder(inner.trim()));
            i = close + 1;
        }
        return pieces;
    }

    static Placeholder placeholder(String inner) throws SyntaxException {
        Matcher m = PLACEHOLDER.matcher(inner);
        if (!m.matches()) {
            throw new SyntaxException("'{" + inner + "}' is not a placeholder: write {pathVariable}, {section.field} "
                    + "or {section.items[*].field}");
        }
        String head = m.group(1);
        List<String> path = names(m.group(2));
        boolean fanOut = m.group(3) != null;
        if (path.isEmpty() && !fanOut) {
            return new Placeholder(head, null);
        }
        return new Placeholder(head, new Reference(head, path, fanOut, fanOut ? names(m.group(4)) : List.of()));
    }

    private static List<String> names(String dotted) {
        if (dotted == null || dotted.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(dotted.substring(1).split("\\."));
    }

    /** A composition path: literal segments and whole-segment {@code {variables}}. */
    static PathTemplate path(String text) throws SyntaxException {
        if (!text.startsWith("/") || text.length() < 2) {
            throw new SyntaxException("must start with '/' and name at least one segment, e.g. /profile/{userId}");
        }
        if (text.endsWith("/")) {
            throw new SyntaxException("must not end with '/'");
        }
        List<PathTemplate.Segment> segments = new ArrayList<>();
        for (String segment : text.substring(1).split("/", -1)) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                if (!VARIABLE.matcher(name).matches()) {
                    throw new SyntaxException("'" + segment + "' is not a path variable: use {name} with letters, "
                            + "digits and '_'");
                }
                if (segments.contains(new PathTemplate.Segment(name, true))) {
                    throw new SyntaxException("{" + name + "} appears twice; every path variable needs its own name");
                }
                segments.add(new PathTemplate.Segment(name, true));
            } else if (LITERAL_SEGMENT.matcher(segment).matches()) {
                segments.add(new PathTemplate.Segment(segment, false));
            } else {
                throw new SyntaxException("segment '" + segment + "' must be a literal of letters, digits and "
                        + "'-._~' or a whole-segment {variable}");
            }
        }
        return new PathTemplate(text, segments);
    }
}

package dev.mosaic.systemtests.prometheus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a PromQL expression refers to: its series selectors (metric name and label matchers) and the
 * labels it groups or matches by ({@code by}, {@code without}, {@code on}, {@code ignoring},
 * {@code group_left/right}). Not a PromQL parser: a tokenizer that knows where metric names and
 * labels can stand, which is what checking a dashboard against a live scrape needs. Ranges and
 * subqueries ({@code [5m]}, {@code [$__rate_interval]}), strings and numbers are skipped; syntax is
 * checked by {@code promtool} (deploy/observability/check.sh).
 *
 * <pre>{@code
 * PromQlExpression e = PromQlExpression.parse("sum by (section) (rate(mosaic_section_seconds_count{status=\"FAILED\"}[1m]))");
 * e.metricNames();    // [mosaic_section_seconds_count]
 * e.groupingLabels(); // [section]
 * }</pre>
 */
public final class PromQlExpression {

    /** One series selector: {@code metric{label="value", ...}}. */
    public record Selector(String metric, Map<String, Matcher> matchers) {
    }

    /** One label matcher: operator ({@code =}, {@code !=}, {@code =~}, {@code !~}) and value. */
    public record Matcher(String operator, String value) {
    }

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");
    private static final Set<String> MATCH_OPERATORS = Set.of("=", "!=", "=~", "!~");

    private enum Kind { IDENT, STRING, NUMBER, PUNCT }

    private record Token(Kind kind, String text) {
        boolean is(String s) {
            return kind == Kind.PUNCT && text.equals(s);
        }
    }

    private final String text;
    private final List<Selector> selectors;
    private final Set<String> groupingLabels;

    private PromQlExpression(String text, List<Selector> selectors, Set<String> groupingLabels) {
        this.text = text;
        this.selectors = List.copyOf(selectors);
        this.groupingLabels = Collections.unmodifiableSet(groupingLabels);
    }

    /**
     * @throws IllegalArgumentException if brackets do not balance, a matcher is malformed or the
     *         expression selects no series at all
     */
    public static PromQlExpression parse(String expression) {
        List<Token> tokens = tokenize(expression);
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (t.is("(")) {
                depth++;
            }
            else if (t.is(")")) {
                if (--depth < 0) {
                    throw invalid(expression, "unbalanced ')'");
                }
            }
            else if (t.is("{")) {
                // a selector without a name: {__name__="x", ...}
                Map<String, Matcher> matchers = new LinkedHashMap<>();
                i = readMatchers(expression, tokens, i, matchers);
                Matcher name = matchers.remove("__name__");
                if (name == null || !name.operator().equals("=")) {
                    throw invalid(expression, "selector without a metric name");
                }
                selectors.add(new Selector(name.value(), matchers));
            }
            else if (t.is("}")) {
                throw invalid(expression, "unbalanced '}'");
            }
            else if (t.kind() == Kind.IDENT) {
                String word = t.text().toLowerCase(Locale.ROOT);
                if (GROUPING.contains(word)) {
                    if (next != null && next.is("(")) {
                        i = readLabelList(expression, tokens, i + 1, grouping);
                    }
                }
                else if (KEYWORDS.contains(word)) {
                    continue;
                }
                else if (next != null && next.is("(")) {
                    continue; // a function or aggregation: the '(' is counted on the next round
                }
                else if (next != null && next.kind() == Kind.IDENT
                        && (next.text().equalsIgnoreCase("by") || next.text().equalsIgnoreCase("without"))) {
                    continue; // an aggregation with its grouping first: sum by (x) (...)
                }
                else {
                    Map<String, Matcher> matchers = new LinkedHashMap<>();
                    if (next != null && next.is("{")) {
                        i = readMatchers(expression, tokens, i + 1, matchers);
                    }
                    selectors.add(new Selector(t.text(), matchers));
                }
            }
        }
        if (depth != 0) {
            throw invalid(expression, "unbalanced '('");
        }
        if (selectors.isEmpty()) {
            throw invalid(expression, "selects no series");
        }
        return new PromQlExpression(expression, selectors, grouping);
    }

    /** Reads {@code { label op "value", ... }} starting at the '{'; returns the index of the '}'. */
    private static int readMatchers(String expression, List<Token> tokens, int open, Map<String, Matcher> into) {
        int i = open + 1;
        while (i < tokens.size() && !tokens.get(i).is("}")) {
            if (i + 2 >= tokens.size()
                    || tokens.get(i).kind() != Kind.IDENT
                    || tokens.get(i + 1).kind() != Kind.PUNCT || !MATCH_OPERATORS.contains(tokens.get(i + 1).text())
                    || tokens.get(i + 2).kind() != Kind.STRING) {
                throw invalid(expression, "malformed label matcher");
            }
            into.put(tokens.get(i).text(), new Matcher(tokens.get(i + 1).text(), tokens.get(i + 2).text()));
            i += 3;
            if (i < tokens.size() && tokens.get(i).is(",")) {
                i++;
            }
        }
        if (i >= tokens.size()) {
            throw invalid(expression, "unbalanced '{'");
        }
        return i;
    }

    /** Reads {@code (label, ...)} starting at the '('; returns the index of the ')'. */
    private static int readLabelList(String expression, List<Token> tokens, int open, Set<String> into) {
        int i = open + 1;
        while (i < tokens.size() && !tokens.get(i).is(")")) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.IDENT) {
                into.add(t.text());
            }
            else if (!t.is(",")) {
                throw invalid(expression, "unexpected '" + t.text() + "' in a label list");
            }
            i++;
        }
        if (i >= tokens.size()) {
            throw invalid(expression, "unbalanced '(' in a label list");
        }
        return i;
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            }
            else if (c == '"' || c == '\'' || c == '`') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    if (s.charAt(j) == '\\' && c != '`' && j + 1 < s.length()) {
                        j++;
                    }
                    value.append(s.charAt(j++));
                }
                if (j >= s.length()) {
                    throw invalid(s, "unterminated string");
                }
                tokens.add(new Token(Kind.STRING, value.toString()));
                i = j + 1;
            }
            else if (c == '[') {
                // a range or subquery: durations and Grafana variables, nothing to check here
                int j = s.indexOf(']', i);
                if (j < 0) {
                    throw invalid(s, "unbalanced '['");
                }
                i = j + 1;
            }
            else if (c == '$') {
                // a Grafana variable outside a range ($__interval, ${var}): no metric or label
                int j = i + 1;
                if (j < s.length() && s.charAt(j) == '{') {
                    j = s.indexOf('}', j) + 1;
                }
                else {
                    while (j < s.length() && isIdentPart(s.charAt(j))) {
                        j++;
                    }
                }
                i = j;
            }
            else if (Character.isLetter(c) || c == '_' || c == ':') {
                int j = i;
                while (j < s.length() && isIdentPart(s.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Kind.IDENT, s.substring(i, j)));
                i = j;
            }
            else if (Character.isDigit(c) || (c == '.' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(new Token(Kind.NUMBER, s.substring(i, j)));
                i = j;
            }
            else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (two.equals("=~") || two.equals("!~") || two.equals("!=") || two.equals("==")
                        || two.equals(">=") || two.equals("<=")) {
                    tokens.add(new Token(Kind.PUNCT, two));
                    i += 2;
                }
                else {
                    tokens.add(new Token(Kind.PUNCT, String.valueOf(c)));
                    i++;
                }
            }
        }
        return tokens;
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ':';
    }

    private static IllegalArgumentException invalid(String expression, String why) {
        return new IllegalArgumentException(why + ": " + expression);
    }

    public String text() {
        return text;
    }

    public List<Selector> selectors() {
        return selectors;
    }

    /** The metric names selected, in order of appearance, without duplicates. */
    public Set<String> metricNames() {
        return selectors.stream().map(Selector::metric).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Labels of {@code by}, {@code without}, {@code on}, {@code ignoring} and {@code group_left/right}. */
    public Set<String> groupingLabels() {
        return groupingLabels;
    }

    @Override
    public String toString() {
        return text;
    }
}

package dev.mosaic.compositions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.mosaic.compositions.TemplateSyntax.SyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one composition file into a {@link Composition}, collecting every problem (file, field,
 * reason) instead of stopping at the first. Unknown fields are problems too: a typo such as
 * {@code requried: true} must not silently mean "optional".
 */
final class CompositionReader {

    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    static final Pattern SECTION_NAME = Pattern.compile("[a-z][A-Za-z0-9_-]{0,39}");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})(ms|s)");
    static final Duration MAX_DEADLINE = Duration.ofSeconds(60);
    private static final Set<String> FIELDS = Set.of("name", "path", "params", "owner", "deadline", "sections",
            "description", "anonymous-internal");
    private static final Set<String> SECTION_FIELDS = Set.of("source", "get", "select", "required", "fallback",
            "description", "type");

    /** A key written twice is an error, not "the last one wins" (two {@code user:} sections would silently be one). */
    private static final LoaderOptions LOADER_OPTIONS = loaderOptions();

    private final String file;
    private final List<CompositionProblem> problems = new ArrayList<>();

    private CompositionReader(String file) {
        this.file = file;
    }

    /**
     * The composition in {@code yaml}, or null with {@code problems} filled.
     *
     * @param file the file's name as messages should show it
     */
    static Composition read(String file, String yaml, List<CompositionProblem> problems) {
        CompositionReader reader = new CompositionReader(file);
        Composition composition = reader.read(yaml);
        problems.addAll(reader.problems);
        return reader.problems.isEmpty() ? composition : null;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return options;
    }

    private void problem(String field, String reason) {
        problems.add(new CompositionProblem(file, field, reason));
    }

    private Composition read(String yaml) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(LOADER_OPTIONS)).load(yaml);
        } catch (MarkedYAMLException e) {
            problem("", "not valid YAML at line " + (e.getProblemMark().getLine() + 1) + ", column "
                    + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem());
            return null;
        } catch (YAMLException e) {
            problem("", "not valid YAML: " + e.getMessage());
            return null;
        }
        if (!(document instanceof Map<?, ?> root)) {
            problem("", "must be a YAML mapping with name, path, params and sections");
            return null;
        }
        for (Object key : root.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) {
                problem(String.valueOf(key), "unknown field (known: " + String.join(", ", sorted(FIELDS)) + ")");
            }
        }
        String name = string(root, "name", true);
        if (name != null && !NAME.matcher(name).matches()) {
            problem("name", "'" + name + "' must match " + NAME.pattern());
        }
        PathTemplate path = null;
        String pathText = string(root, "path", true);
        if (pathText != null) {
            try {
                path = TemplateSyntax.path(pathText);
                if (path.variables().contains("meta")) {
                    problem("path", "{meta} is taken by the response's meta; rename the variable");
                }
            } catch (SyntaxException e) {
                problem("path", e.getMessage());
            }
        }
        Map<String, Pattern> params = params(root.get("params"), path);
        // templates resolve against every path variable, with a pattern or not: a missing or broken
        // pattern is one problem, not one more for every template that uses the variable
        Set<String> variables = variables(path, root.get("params"));
        String description = string(root, "description", false);
        Duration deadline = deadline(root.get("deadline"));
        boolean anonymousInternal = bool(root, "anonymous-internal", "anonymous-internal");
        Map<String, Map<?, ?>> rawSections = sections(root.get("sections"));
        Placeholders placeholders = new Placeholders(this::problem, variables, rawSections.keySet());
        List<SectionDefinition> sections = new ArrayList<>();
        for (Map.Entry<String, Map<?, ?>> entry : rawSections.entrySet()) {
            SectionDefinition section = section(entry.getKey(), entry.getValue(), variables, placeholders);
            if (section != null) {
                sections.add(section);
            }
        }
        OwnerRule owner = placeholders.owner(root.get("owner"), sections);
        if (anonymousInternal && owner instanceof OwnerRule.SectionField) {
            problem("anonymous-internal", "cannot be true with an owner from a section (" + owner + "): an anonymous "
                    + "call could never be checked against it");
        }
        // among the sections that are otherwise valid, so that a cycle is listed with every other problem
        new SectionGraph(sections).cycle().ifPresent(cycle -> problem("sections." + cycle.get(0) + ".get",
                "sections depend on each other in a cycle: " + String.join(" -> ", cycle)));
        if (!problems.isEmpty()) {
            return null;
        }
        return new Composition(name, file, path, params, owner, deadline, anonymousInternal, description, sections);
    }

    private Map<String, Pattern> params(Object raw, PathTemplate path) {
        Map<String, Pattern> params = new LinkedHashMap<>();
        Map<?, ?> given = raw == null ? Map.of() : raw instanceof Map<?, ?> m ? m : null;
        if (given == null) {
            problem("params", "must be a mapping of path variable to pattern, e.g. userId: \"[A-Za-z0-9_-]{1,64}\"");
            return params;
        }
        List<String> variables = path == null ? List.of() : path.variables();
        for (String variable : variables) {
            Object pattern = given.get(variable);
            if (pattern == null) {
                problem("params." + variable, "path variable {" + variable + "} has no pattern; every value must "
                        + "be validated, e.g. " + variable + ": \"[A-Za-z0-9_-]{1,64}\"");
                continue;
            }
            if (!(pattern instanceof String regex)) {
                problem("params." + variable, "must be a regular expression in quotes, not " + describe(pattern)
                        + ", e.g. " + variable + ": \"[A-Za-z0-9_-]{1,64}\"");
                continue;
            }
            try {
                params.put(variable, Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                problem("params." + variable, "not a valid regular expression: " + e.getDescription());
            }
        }
        for (Object key : given.keySet()) {
            if (path != null && !variables.contains(String.valueOf(key))) {
                problem("params." + key, "not a variable of path " + path.text());
            }
        }
        return params;
    }

    /** The path's variables; when the path itself is wrong, the names {@code params} gives. */
    private static Set<String> variables(PathTemplate path, Object params) {
        Set<String> names = new LinkedHashSet<>();
        if (path != null) {
            names.addAll(path.variables());
        } else if (params instanceof Map<?, ?> given) {
            given.keySet().forEach(k -> names.add(String.valueOf(k)));
        }
        return names;
    }

    private Duration deadline(Object raw) {
        if (raw == null) {
            return null;
        }
        Matcher m = DURATION.matcher(String.valueOf(raw).trim());
        if (!m.matches()) {
            problem("deadline", "'" + raw + "' is not a duration: write e.g. 900ms or 2s");
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        Duration deadline = m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        if (deadline.isZero() || deadline.compareTo(MAX_DEADLINE) > 0) {
            problem("deadline", "must be more than 0 and at most 60s");
            return null;
        }
        return deadline;
    }

    private Map<String, Map<?, ?>> sections(Object raw) {
        Map<String, Map<?, ?>> sections = new LinkedHashMap<>();
        if (!(raw instanceof Map<?, ?> given) || given.isEmpty()) {
            problem("sections", "must map at least one section name to its source and get");
            return sections;
        }
        for (Map.Entry<?, ?> entry : given.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!(entry.getValue() instanceof Map<?, ?> body)) {
                problem("sections." + name, "must be a mapping with source and get");
                continue;
            }
            sections.put(name, body);
        }
        return sections;
    }

    private SectionDefinition section(String name, Map<?, ?> raw, Set<String> params, Placeholders placeholders) {
        String field = "sections." + name;
        int before = problems.size();
        if (!SECTION_NAME.matcher(name).matches()) {
            problem(field, "section name must match " + SECTION_NAME.pattern());
        } else if (name.equals("meta") || params.contains(name)) {
            problem(field, "'" + name + "' is taken by " + (name.equals("meta") ? "the response's meta" : "a path variable"));
        }
        for (Object key : raw.keySet()) {
            if (!SECTION_FIELDS.contains(String.valueOf(key))) {
                problem(field + "." + key, "unknown field (known: " + String.join(", ", sorted(SECTION_FIELDS)) + ")");
            }
        }
        String source = string(raw, "source", true, field + ".source");
        RequestTemplate request = placeholders.request(string(raw, "get", true, field + ".get"), field + ".get", name);
        String select = string(raw, "select", false, field + ".select");
        if (select == null) {
            select = "";
        } else if (!JsonValues.isPointer(select)) {
            problem(field + ".select", "'" + select + "' is not a JSON Pointer (RFC 6901): write \"\" for the whole "
                    + "body or e.g. /items; '~' must be followed by 0 or 1");
        }
        boolean required = bool(raw, "required", field + ".required");
        String fallback = null;
        if (raw.containsKey("fallback")) {
            try {
                fallback = JsonValues.toJson(raw.get("fallback"));
            } catch (IllegalArgumentException e) {
                problem(field + ".fallback", "not JSON: " + e.getMessage());
            }
        }
        String description = string(raw, "description", false, field + ".description");
        String type = string(raw, "type", false, field + ".type");
        if (type == null) {
            type = "any";
        } else if (!SectionDefinition.TYPES.contains(type)) {
            problem(field + ".type", "'" + type + "' is not a JSON type: write one of "
                    + String.join(", ", SectionDefinition.TYPES));
        }
        return problems.size() > before ? null
                : new SectionDefinition(name, source, request, select, required, fallback, description, type);
    }

    private String string(Map<?, ?> map, String key, boolean required) {
        return string(map, key, required, key);
    }

    private String string(Map<?, ?> map, String key, boolean required, String field) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                problem(field, "missing");
            }
            return null;
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            problem(field, "must be a text, not " + describe(value));
            return null;
        }
        String text = String.valueOf(value);
        if (required && text.isBlank()) {
            problem(field, "must not be empty");
            return null;
        }
        return text;
    }

    private boolean bool(Map<?, ?> map, String key, String field) {
        Object value = map.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            problem(field, "must be true or false, not '" + value + "'");
            return false;
        }
        return b;
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?> map) {
            // `get: {userId}` unquoted is YAML for the mapping {userId: null}
            return "a YAML mapping; quote a placeholder that starts a value: \"" + Placeholders.unquoted(map, "{name}") + "\"";
        }
        return value instanceof List ? "a list" : "'" + value + "'";
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}

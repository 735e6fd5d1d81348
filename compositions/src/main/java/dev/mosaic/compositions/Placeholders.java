package dev.mosaic.compositions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import dev.mosaic.compositions.TemplateSyntax.Placeholder;
import dev.mosaic.compositions.TemplateSyntax.SyntaxException;

/**
 * Resolves one file's placeholders, its request templates and its owner, against the file's path
 * variables and section names; every problem goes back to the reader with its field.
 */
final class Placeholders {

    private final BiConsumer<String, String> problem;
    private final Set<String> variables;
    private final Set<String> sections;

    /**
     * @param problem receives (field, reason) of each problem
     * @param variables the path's variables
     * @param sections every section name the file gives, valid or not
     */
    Placeholders(BiConsumer<String, String> problem, Set<String> variables, Set<String> sections) {
        this.problem = problem;
        this.variables = variables;
        this.sections = sections;
    }

    /**
     * The template of {@code field} ({@code sections.<self>.get}), or null after reporting why not.
     *
     * @param self the section whose request it is
     */
    RequestTemplate request(String text, String field, String self) {
        if (text == null) {
            return null;
        }
        if (!text.startsWith("/") || text.chars().anyMatch(Character::isWhitespace) || text.contains("#")) {
            problem.accept(field, "must be a path on the source, starting with '/', without spaces or '#', e.g. "
                    + "/orders?userId={userId}");
            return null;
        }
        List<TemplatePart> parts = new ArrayList<>();
        try {
            for (Object piece : TemplateSyntax.split(text)) {
                if (piece instanceof String literal) {
                    parts.add(new TemplatePart.Literal(literal));
                    continue;
                }
                Placeholder p = (Placeholder) piece;
                if (p.bare()) {
                    if (variables.contains(p.name())) {
                        parts.add(new TemplatePart.Param(p.name()));
                    } else if (sections.contains(p.name())) {
                        problem.accept(field, "{" + p.name() + "} names a section, not a value: name one of its "
                                + "fields, e.g. {" + p.name() + ".id}");
                    } else {
                        problem.accept(field, "{" + p.name() + "} is neither a path variable (" + list(variables)
                                + ") nor a section field");
                    }
                } else if (p.reference().section().equals(self)) {
                    problem.accept(field, p.reference() + " refers to the section itself");
                } else if (!sections.contains(p.reference().section())) {
                    problem.accept(field, p.reference() + " refers to unknown section '" + p.reference().section()
                            + "' (sections: " + list(sections) + ")");
                } else {
                    parts.add(new TemplatePart.Field(p.reference()));
                }
            }
        } catch (SyntaxException e) {
            problem.accept(field, e.getMessage());
            return null;
        }
        return new RequestTemplate(text, parts);
    }

    /**
     * The owner rule {@code raw} describes, null when there is none or after reporting why not.
     *
     * @param resolved the file's sections that are otherwise valid
     */
    OwnerRule owner(Object raw, List<SectionDefinition> resolved) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Map<?, ?> map) {
            problem.accept("owner", "is a YAML mapping; quote a placeholder that starts a value: owner: \""
                    + unquoted(map, "{userId}") + "\"");
            return null;
        }
        String text = String.valueOf(raw).trim();
        if (!text.startsWith("{") || !text.endsWith("}") || text.indexOf('{', 1) >= 0) {
            problem.accept("owner", "'" + text + "' must be one placeholder: \"{userId}\" or \"{order.userId}\"");
            return null;
        }
        Placeholder p;
        try {
            p = TemplateSyntax.placeholder(text.substring(1, text.length() - 1).trim());
        } catch (SyntaxException e) {
            problem.accept("owner", e.getMessage());
            return null;
        }
        if (p.bare()) {
            if (!variables.contains(p.name())) {
                problem.accept("owner", "{" + p.name() + "} is not a path variable (" + list(variables) + ")");
                return null;
            }
            return new OwnerRule.PathVariable(p.name());
        }
        Reference ref = p.reference();
        if (ref.fanOut()) {
            problem.accept("owner", ref + " names many values; an owner is one value");
            return null;
        }
        if (!sections.contains(ref.section())) {
            problem.accept("owner", ref + " refers to unknown section '" + ref.section() + "' (sections: "
                    + list(sections) + ")");
            return null;
        }
        for (SectionDefinition s : resolved) {
            if (s.name().equals(ref.section()) && !s.required()) {
                problem.accept("owner", "section '" + ref.section() + "' holds the owner, so it must be "
                        + "required: true (without it nobody's data could be checked)");
                return null;
            }
            if (s.name().equals(ref.section()) && s.fallback() != null) {
                // a static fallback would be checked instead of the real owner, and its values passed on
                problem.accept("owner", "section '" + ref.section() + "' holds the owner, so it must not have a "
                        + "fallback (the owner must come from the backend's answer, not from static data)");
                return null;
            }
        }
        return new OwnerRule.SectionField(ref);
    }

    /** What an unquoted {@code {x}} (YAML's mapping {@code x: null}) was meant to be, or {@code example}. */
    static String unquoted(Map<?, ?> map, String example) {
        if (map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            if (entry.getValue() == null) {
                return "{" + entry.getKey() + "}";
            }
        }
        return example;
    }

    private static String list(Set<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}

package dev.mosaic.compositions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A composed endpoint, as a team writes it in a YAML file: its path and parameters, whose data it
 * is, and its sections (SPEC "Compositions"). Immutable and validated: every reference resolves, the
 * sections form no cycle, every path variable has a pattern.
 *
 * @param name unique name, {@code [a-z][a-z0-9-]{0,39}}
 * @param file where it was read from (for messages)
 * @param path the composer path; the gateway serves {@code /api} + this
 * @param params each path variable's pattern, in path order
 * @param owner whose data this is ({@code {userId}} or {@code {order.userId}}), or null
 * @param deadline the request deadline, or null for the composer's default
 * @param anonymousInternal whether the composer's internal port answers callers without a token
 *     (the dashboard's contract predates compositions); the gateway always requires one, and a
 *     presented token is always checked against the owner
 * @param description what the endpoint returns, for the API documentation, or null
 * @param sections the sections, in response order
 */
public record Composition(String name, String file, PathTemplate path, Map<String, Pattern> params,
        OwnerRule owner, Duration deadline, boolean anonymousInternal, String description,
        List<SectionDefinition> sections) {

    public Composition {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        sections = List.copyOf(sections);
    }

    /** The section called {@code name}, or null. */
    public SectionDefinition section(String name) {
        for (SectionDefinition s : sections) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The section names in response order. */
    public List<String> sectionNames() {
        return sections.stream().map(SectionDefinition::name).toList();
    }

    /** The sources its sections call. */
    public Set<String> sources() {
        Set<String> sources = new LinkedHashSet<>();
        sections.forEach(s -> sources.add(s.source()));
        return sources;
    }
}

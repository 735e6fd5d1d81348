package dev.mosaic.compositions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dependency graph of a composition's sections: an edge from each section to every section its
 * request template references. A section-field owner adds no edge: its section is required, and the
 * owner is checked when that section answers.
 */
public final class SectionGraph {

    private final Map<String, Set<String>> needs = new LinkedHashMap<>();

    /** The graph of {@code sections}' request templates. */
    public SectionGraph(List<SectionDefinition> sections) {
        for (SectionDefinition s : sections) {
            needs.put(s.name(), s.dependencies());
        }
    }

    /** The sections {@code section} needs directly. */
    public Set<String> needs(String section) {
        return needs.getOrDefault(section, Set.of());
    }

    /** {@code sections} and everything they need, directly or not. */
    public Set<String> closure(Set<String> sections) {
        Set<String> all = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(sections);
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (all.add(next)) {
                todo.addAll(needs(next));
            }
        }
        return all;
    }

    /** Whether {@code section} needs {@code other}, directly or not. */
    public boolean dependsOn(String section, String other) {
        Set<String> seen = closure(needs(section));
        return seen.contains(other);
    }

    /** A cycle as a path that ends where it starts ({@code a, b, a}), if there is one. */
    public Optional<List<String>> cycle() {
        Map<String, Integer> state = new LinkedHashMap<>();
        for (String start : needs.keySet()) {
            List<String> path = new ArrayList<>();
            List<String> found = visit(start, state, path);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }

    private List<String> visit(String node, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return null;
        }
        path.add(node);
        if (s != null && s == 1) {
            return new ArrayList<>(path.subList(path.indexOf(node), path.size()));
        }
        state.put(node, 1);
        for (String next : needs(node)) {
            List<String> found = visit(next, state, path);
            if (found != null) {
                return found;
            }
        }
        state.put(node, 2);
        path.remove(path.size() - 1);
        return null;
    }
}

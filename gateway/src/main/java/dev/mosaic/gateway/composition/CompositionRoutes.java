package dev.mosaic.gateway.composition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mosaic.compositions.Composition;
import dev.mosaic.compositions.Compositions;
import dev.mosaic.compositions.PathTemplate;
import org.springframework.http.server.PathContainer;

/**
 * Every composition's {@link CompositionRoute}, built once at start, with a lookup from a request
 * path to its composition that the security rules and the route tags share.
 *
 * <p>The lookup is by the segment after {@code /api} first (a hash lookup, no allocation), then the
 * few compositions under it are matched with their path patterns; compositions whose first segment is
 * a variable are tried last. Composition paths never overlap (the library refuses it at start), so the
 * first match is the only one.
 */
public final class CompositionRoutes {

    private final List<CompositionRoute> routes;
    private final Map<String, List<CompositionRoute>> byFirstSegment;
    private final List<CompositionRoute> variableFirst;

    public CompositionRoutes(Compositions compositions) {
        List<CompositionRoute> all = new ArrayList<>();
        Map<String, List<CompositionRoute>> index = new HashMap<>();
        List<CompositionRoute> variable = new ArrayList<>();
        for (Composition composition : compositions.all()) {
            CompositionRoute route = CompositionRoute.of(composition);
            all.add(route);
            PathTemplate.Segment first = composition.path().segments().get(0);
            if (first.variable()) {
                variable.add(route);
            } else {
                index.computeIfAbsent(first.text(), k -> new ArrayList<>()).add(route);
            }
        }
        this.routes = List.copyOf(all);
        Map<String, List<CompositionRoute>> frozen = new HashMap<>();
        index.forEach((segment, list) -> frozen.put(segment, List.copyOf(list)));
        this.byFirstSegment = Map.copyOf(frozen);
        this.variableFirst = List.copyOf(variable);
    }

    /** Every composition route, in the compositions' order (shipped first). */
    public List<CompositionRoute> all() {
        return routes;
    }

    /** The route ids, in the same order. */
    public List<String> ids() {
        return routes.stream().map(CompositionRoute::id).toList();
    }

    /** The composition route called {@code name}, or null. */
    public CompositionRoute byName(String name) {
        for (CompositionRoute route : routes) {
            if (route.name().equals(name)) {
                return route;
            }
        }
        return null;
    }

    /** The composition whose gateway path {@code path} is, or null. */
    public CompositionRoute match(PathContainer path) {
        List<PathContainer.Element> elements = path.elements();
        // "/api/x/..." is [separator, "api", separator, "x", ...]
        if (elements.size() < 4 || !(elements.get(1) instanceof PathContainer.PathSegment api)
                || !"api".equals(api.valueToMatch())
                || !(elements.get(3) instanceof PathContainer.PathSegment first)) {
            return null;
        }
        List<CompositionRoute> candidates = byFirstSegment.get(first.valueToMatch());
        if (candidates != null) {
            for (CompositionRoute route : candidates) {
                if (route.matches(path)) {
                    return route;
                }
            }
        }
        for (CompositionRoute route : variableFirst) {
            if (route.matches(path)) {
                return route;
            }
        }
        return null;
    }
}

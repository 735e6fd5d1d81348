package dev.mosaic.gateway.composition;

import java.util.List;
import java.util.regex.Pattern;

import dev.mosaic.compositions.Composition;
import dev.mosaic.compositions.OwnerRule;
import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One composition as the edge serves it: {@code GET|HEAD /api} + its path, routed to the composer at
 * its own path under the route id {@link #id()} (also its circuit breaker's name, its
 * {@code mosaic.gateway.routes.<id>} key and its {@code route} tag).
 *
 * @param composition   the definition
 * @param id            {@code composition-<name>}; the shipped dashboard keeps its historic id {@value RouteIds#COMPOSER}
 * @param path          the gateway path pattern, {@code /api/order-detail/{orderId}}
 * @param pattern       {@link #path()} parsed once, the same syntax Spring Cloud Gateway's Path predicate uses
 * @param variables     the path variables, in path order
 * @param patterns      each variable's pattern, in the same order
 * @param ownerVariable the path variable that names the owner ({@code userId}), or null when the owner
 *                      is a section field (checked by the composer) or there is none
 */
public record CompositionRoute(Composition composition, String id, String path, PathPattern pattern,
        List<String> variables, List<Pattern> patterns, String ownerVariable) {

    /** Route ids of compositions other than the dashboard start with this. */
    public static final String ID_PREFIX = "composition-";
    /** What the gateway puts in front of every composition's path. */
    public static final String API_PREFIX = "/api";

    public CompositionRoute {
        variables = List.copyOf(variables);
        patterns = List.copyOf(patterns);
    }

    /** The edge form of {@code composition}. */
    public static CompositionRoute of(Composition composition) {
        String path = API_PREFIX + composition.path().text();
        List<String> variables = composition.path().variables();
        List<Pattern> patterns = variables.stream().map(v -> composition.params().get(v)).toList();
        String owner = composition.owner() instanceof OwnerRule.PathVariable variable ? variable.name() : null;
        return new CompositionRoute(composition, idOf(composition.name()), path,
                PathPatternParser.defaultInstance.parse(path), variables, patterns, owner);
    }

    /** The route id of the composition called {@code name}. */
    public static String idOf(String name) {
        return RouteIds.COMPOSER.equals(name) ? RouteIds.COMPOSER : ID_PREFIX + name;
    }

    /** The composition's name. */
    public String name() {
        return composition.name();
    }

    /** Whether {@code path} (the whole request path) is this composition's. */
    public boolean matches(PathContainer path) {
        return pattern.matches(path);
    }

    /** The owner's value in {@code path}, or null when the owner is not a path variable (or no match). */
    public String owner(PathContainer path) {
        if (ownerVariable == null) {
            return null;
        }
        PathPattern.PathMatchInfo match = pattern.matchAndExtract(path);
        return match == null ? null : match.getUriVariables().get(ownerVariable);
    }
}

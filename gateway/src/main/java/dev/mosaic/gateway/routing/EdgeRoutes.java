package dev.mosaic.gateway.routing;

import java.util.ArrayList;
import java.util.List;

import dev.mosaic.gateway.composition.CompositionRoute;
import dev.mosaic.gateway.composition.CompositionRoutes;
import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Every route id the gateway has (the fixed ones and one per composition), and the route a request
 * belongs to by its path alone, for answers given before routing ran (401, 403, 429) and meter tags.
 * The answer is always one of {@link #ids()} or {@value RouteIds#NONE}: bounded, whatever the caller sends.
 */
public final class EdgeRoutes {

    private final List<String> ids;
    private final CompositionRoutes compositions;

    public EdgeRoutes(CompositionRoutes compositions) {
        List<String> all = new ArrayList<>(RouteIds.FIXED);
        all.addAll(compositions.ids());
        this.ids = List.copyOf(all);
        this.compositions = compositions;
    }

    /** Every route id, fixed routes first. */
    public List<String> ids() {
        return ids;
    }

    /** The route {@code request}'s path belongs to, else {@value RouteIds#NONE}. */
    public String routeOf(ServerHttpRequest request) {
        String fixed = RouteIds.forPath(request.getPath().value());
        if (!RouteIds.NONE.equals(fixed)) {
            return fixed;
        }
        CompositionRoute composition = compositions.match(request.getPath().pathWithinApplication());
        return composition != null ? composition.id() : RouteIds.NONE;
    }

    /**
     * The route a raw request path (as sent, without its query) belongs to, else {@value RouteIds#NONE}:
     * for a request Netty has decoded and WebFlux has not seen yet.
     */
    public String routeOf(String rawPath) {
        String fixed = RouteIds.forPath(rawPath);
        if (!RouteIds.NONE.equals(fixed)) {
            return fixed;
        }
        if (!rawPath.startsWith("/api/")) {
            return RouteIds.NONE;
        }
        CompositionRoute composition = compositions.match(PathContainer.parsePath(rawPath));
        return composition != null ? composition.id() : RouteIds.NONE;
    }
}

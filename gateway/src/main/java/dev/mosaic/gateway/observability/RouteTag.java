package dev.mosaic.gateway.observability;

import java.util.Map;

import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import dev.mosaic.gateway.routing.EdgeRoutes;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The bounded {@code route} of a request for meters and the access log: the id of the route Spring
 * Cloud Gateway matched, else (answered before routing: 401, 403, 429, 404) the route its path
 * belongs to ({@link EdgeRoutes}), else {@value RouteIds#NONE}. Never a raw path, so a tag stays
 * low-cardinality whatever clients send.
 */
final class RouteTag {

    private final EdgeRoutes routes;

    RouteTag(EdgeRoutes routes) {
        this.routes = routes;
    }

    String of(Map<String, Object> exchangeAttributes, ServerHttpRequest request) {
        Object route = exchangeAttributes.get(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route instanceof Route matched ? matched.getId() : routes.routeOf(request);
    }
}

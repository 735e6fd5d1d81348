package dev.mosaic.gateway.observability;

import java.util.Map;

import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * The bounded {@code route} of a request for meters and the access log: the id of the route Spring
 * Cloud Gateway matched, else (answered before routing: 401, 403, 429, 404) the route its path
 * belongs to, else {@value RouteIds#NONE}. Never a raw path, so a tag stays low-cardinality
 * whatever clients send.
 */
final class RouteTag {

    private RouteTag() {
    }

    static String of(ServerRequestObservationContext context) {
        return of(context.getAttributes(), context.getCarrier().getPath().value());
    }

    static String of(Map<String, Object> exchangeAttributes, String path) {
        Object route = exchangeAttributes.get(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route instanceof Route matched ? matched.getId() : RouteIds.forPath(path);
    }
}

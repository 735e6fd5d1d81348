package dev.mosaic.gateway.security;

import java.util.Collection;
import java.util.Set;

import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Which upstream sees which of the caller's credentials and context headers, applied to the
 * outgoing request of every route (Spring Cloud Gateway runs every {@link HttpHeadersFilter} bean
 * when it builds the upstream request, so nothing is mutated per exchange):
 *
 * <ul>
 * <li>{@code Authorization}: only to the composer (compositions and {@code /api/me/dashboard}, whose
 *     composer verifies the token itself) and to pass-through routes listed in
 *     {@code mosaic.gateway.security.token-relay-routes}; the user, order and recommendation
 *     services never see the bearer token by default.
 * <li>{@code Cookie}: to no upstream (the edge is stateless bearer-token only).
 * <li>{@code baggage}: to no upstream. W3C baggage from a client is not trusted: it would otherwise
 *     reach the composer, which reads its request id from baggage fields, and set the request id in
 *     its logs. Only the validated {@code X-Request-Id} goes on.
 * </ul>
 */
public final class UpstreamCredentialsFilter implements HttpHeadersFilter, Ordered {

    static final String BAGGAGE = "baggage";

    private final Set<String> relayRoutes;

    public UpstreamCredentialsFilter(Collection<String> tokenRelayRoutes) {
        this.relayRoutes = Set.copyOf(tokenRelayRoutes);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        boolean dropToken = input.containsHeader(HttpHeaders.AUTHORIZATION) && !relaysToken(exchange);
        boolean dropCookie = input.containsHeader(HttpHeaders.COOKIE);
        boolean dropBaggage = input.containsHeader(BAGGAGE);
        if (!dropToken && !dropCookie && !dropBaggage) {
            return input;
        }
        HttpHeaders filtered = new HttpHeaders();
        filtered.putAll(input);
        if (dropToken) {
            filtered.remove(HttpHeaders.AUTHORIZATION);
        }
        filtered.remove(HttpHeaders.COOKIE);
        filtered.remove(BAGGAGE);
        return filtered;
    }

    private boolean relaysToken(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route != null && (RouteIds.toComposer(route.getId()) || relayRoutes.contains(route.getId()));
    }
}

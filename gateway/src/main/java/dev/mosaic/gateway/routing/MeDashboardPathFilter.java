package dev.mosaic.gateway.routing;

import java.nio.charset.StandardCharsets;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Rewrites {@code /api/me/dashboard} to the composer's {@code /dashboard/{sub}}, the subject taken
 * from the verified token (never from the request), the query string kept.
 *
 * <p>The subject is percent-encoded as one path segment, so an odd {@code sub} can at worst name a
 * user the composer rejects with 400; it can never add path segments.
 */
public final class MeDashboardPathFilter implements GatewayFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                // security admits only authenticated callers here; without a principal nothing is routed
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("No authenticated caller for /api/me/dashboard")))
                .flatMap(principal -> {
                    String path = "/dashboard/" + UriUtils.encodePathSegment(principal.getName(), StandardCharsets.UTF_8);
                    ServerWebExchangeUtils.addOriginalRequestUrl(exchange, exchange.getRequest().getURI());
                    ServerHttpRequest request = exchange.getRequest().mutate().path(path).build();
                    return chain.filter(exchange.mutate().request(request).build());
                });
    }
}

package dev.mosaic.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import dev.mosaic.gateway.error.Problem;
import dev.mosaic.gateway.error.ProblemWriter;
import dev.mosaic.gateway.routing.EdgeRoutes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies the per-client token bucket after authentication, so the key is a verified token subject
 * ({@code sub:<sub>}) rather than anything a caller could forge; requests without a token (paths
 * outside {@code /api/**}) are keyed by the TCP peer address ({@code ip:<addr>}).
 * {@code X-Forwarded-For} is deliberately not trusted: this is the edge.
 *
 * <p>Every limited response carries {@code X-RateLimit-Remaining}; a rejection is a 429 problem with
 * {@code Retry-After}, counted by {@code mosaic.gateway.ratelimit.rejected} tagged with the
 * {@code route} the path belongs to (routing has not run yet; see {@link EdgeRoutes#routeOf}).
 * Requests rejected earlier (401, 400) never reach the limiter.
 */
public final class RateLimitWebFilter implements WebFilter, Ordered {

    public static final String REMAINING = "X-RateLimit-Remaining";
    /** After Spring Security's filter chain (-100), before routing. */
    public static final int ORDER = -50;

    private final ClientRateLimiter limiter;
    private final ProblemWriter writer;
    private final Map<String, Counter> rejected;
    private final EdgeRoutes routes;

    public RateLimitWebFilter(ClientRateLimiter limiter, ProblemWriter writer, MeterRegistry meters, EdgeRoutes routes) {
        this.limiter = limiter;
        this.writer = writer;
        this.routes = routes;
        // one counter per route id (and "none"), registered up front: a bounded tag, and a series at 0
        // from the start instead of one that appears with the first rejection
        Map<String, Counter> counters = new HashMap<>();
        for (String route : routeTags(routes)) {
            counters.put(route, Counter.builder("mosaic.gateway.ratelimit.rejected")
                    .description("Requests answered 429 by the per-client rate limiter")
                    .tag("route", route)
                    .register(meters));
        }
        this.rejected = Map.copyOf(counters);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .map(RateLimitWebFilter::subjectKey)
                .defaultIfEmpty("")
                .map(key -> key.isEmpty() ? addressKey(exchange) : key)
                .flatMap(limiter::tryAcquire)
                .flatMap(decision -> {
                    if (decision.remaining() >= 0) {
                        String remaining = Long.toString(decision.remaining());
                        exchange.getResponse().beforeCommit(() -> {
                            exchange.getResponse().getHeaders().set(REMAINING, remaining);
                            return Mono.empty();
                        });
                    }
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    rejected.get(routes.routeOf(exchange.getRequest())).increment();
                    return writer.write(exchange, Problem.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                            "Too many requests from this client").retryAfter(decision.retryAfter()));
                });
    }

    private static List<String> routeTags(EdgeRoutes routes) {
        List<String> tags = new ArrayList<>(routes.ids());
        tags.add(RouteIds.NONE);
        return tags;
    }

    private static String addressKey(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "ip:unknown" : "ip:" + remote.getAddress().getHostAddress();
    }

    /** The key of an authenticated caller: its verified subject. */
    static String subjectKey(Principal principal) {
        return "sub:" + principal.getName();
    }
}

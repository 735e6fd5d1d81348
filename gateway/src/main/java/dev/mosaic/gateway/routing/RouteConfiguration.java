package dev.mosaic.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.mosaic.gateway.balancing.ComposerInstances;
import dev.mosaic.gateway.composition.CompositionRoute;
import dev.mosaic.gateway.composition.CompositionRoutes;
import dev.mosaic.gateway.config.GatewayProperties;
import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import dev.mosaic.gateway.config.RoutePolicy;
import dev.mosaic.gateway.error.ProblemWriter;
import dev.mosaic.gateway.resilience.IncompleteRequestFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.PredicateSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.cloud.gateway.route.builder.UriSpec;
import org.springframework.cloud.gateway.route.builder.BooleanSpec;
import org.springframework.cloud.gateway.route.builder.Buildable;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import reactor.netty.http.client.PrematureCloseException;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

/**
 * The SPEC's routes, built from {@code mosaic.gateway.*} so that every upstream can be re-pointed,
 * plus one route per composition file:
 * <pre>
 * /api/me/dashboard        → composer /dashboard/{token sub}                     (me-dashboard)
 * /api/users/**            → user service /users/**, GET and HEAD                (users)
 * /api/orders/**           → order service /orders/**, GET and HEAD              (orders)
 * /api/recommendations/**  → recommendation service /recommendations/**, GET, HEAD (recommendations)
 * /api + composition path  → composer, the same path without /api, GET and HEAD  (composition-&lt;name&gt;;
 *                            the dashboard's /api/dashboard/{userId} keeps the id dashboard)
 * </pre>
 *
 * <p>Each route runs, outermost first: circuit breaker (with its time limiter and bulkhead) →
 * retry → the HTTP call with the route's connect and response timeouts. The retry sits inside the
 * breaker so that one request counts once however many attempts it took, and the breaker's time
 * limit bounds all attempts together. Every route first refuses methods other than GET and HEAD
 * (405); a composition's route also path values that miss their pattern (400), see
 * {@link CompositionEdgeFilter}.
 *
 * <p>The pass-through routes come before the compositions: Spring Cloud Gateway tries routes in
 * order, and the pass-through path is the one benchmarked against bare Spring Cloud Gateway.
 * Composition paths match exactly (no trailing slash, no sub-paths), as the security rules do.
 */
@Configuration(proxyBeanMethods = false)
public class RouteConfiguration {

    /** Exponential backoff between attempts (×2 each time, ±50 % jitter so that retries do not align). */
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    public static final Duration MAX_BACKOFF = Duration.ofMillis(400);
    public static final double JITTER = 0.5;
    /** Upstream answers that are retried (GET only): the upstream said it did not do the work. */
    public static final List<HttpStatus> RETRIED_STATUSES = List.of(HttpStatus.BAD_GATEWAY,
            HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT);
    /** With several composers: the most other instances a read whose connection failed is tried on. */
    public static final int MAX_COMPOSER_RETRIES = 2;
    /** Failures that are retried: the request surely never reached the upstream. */
    public static final List<Class<? extends Throwable>> RETRIED_EXCEPTIONS = List.of(ConnectException.class,
            PrematureCloseException.class);

    @Bean
    EdgeRoutes edgeRoutes(CompositionRoutes compositions) {
        return new EdgeRoutes(compositions);
    }

    @Bean
    RouteLocator mosaicRoutes(RouteLocatorBuilder builder, GatewayProperties properties,
            CompositionRoutes compositions, ProblemWriter problems, ComposerInstances composers) {
        // the backends' contract is read-only: any other method is the gateway's 405, never a backend call
        CompositionEdgeFilter readOnly = CompositionEdgeFilter.readOnly(problems);
        // one composer URL, or lb://composer over several (balancing/): then a GET whose connection was
        // refused or lost before any answer is tried on another composer
        URI composer = composers.routeUri(properties.composerUrl());
        int retryUnanswered = Math.min(composers.instances().size() - 1, MAX_COMPOSER_RETRIES);
        RouteLocatorBuilder.Builder routes = builder.routes()
                .route(RouteIds.ME_DASHBOARD, route(RouteIds.ME_DASHBOARD, properties.policyFor(RouteIds.ME_DASHBOARD),
                        retryUnanswered, composer, r -> r.order(-1).path(RouteIds.ME_DASHBOARD_PATH),
                        f -> f.filter(CompositionEdgeFilter.readOnly(problems)).filter(new MeDashboardPathFilter())))
                .route(RouteIds.USERS, route(RouteIds.USERS, properties.policyFor(RouteIds.USERS), 0,
                        properties.userUrl(), r -> r.path(RouteIds.USERS_PREFIX + "/**"), f -> f.filter(readOnly).stripPrefix(1)))
                .route(RouteIds.ORDERS, route(RouteIds.ORDERS, properties.policyFor(RouteIds.ORDERS), 0,
                        properties.ordersUrl(), r -> r.path(RouteIds.ORDERS_PREFIX + "/**"),
                        f -> f.filter(readOnly).stripPrefix(1)))
                .route(RouteIds.RECOMMENDATIONS, route(RouteIds.RECOMMENDATIONS,
                        properties.policyFor(RouteIds.RECOMMENDATIONS), 0, properties.recommendationsUrl(),
                        r -> r.path(RouteIds.RECOMMENDATIONS_PREFIX + "/**"), f -> f.filter(readOnly).stripPrefix(1)));
        for (CompositionRoute composition : compositions.all()) {
            RoutePolicy policy = properties.compositionPolicy(composition.id(), composition.composition().deadline());
            CompositionEdgeFilter edge = CompositionEdgeFilter.of(composition, problems);
            routes.route(composition.id(), route(composition.id(), policy, retryUnanswered, composer,
                    r -> r.path(false, composition.path()), f -> f.filter(edge).stripPrefix(1)));
        }
        return routes.build();
    }

    private static Function<PredicateSpec, Buildable<Route>> route(String id, RoutePolicy policy,
            int retryUnanswered, URI uri, Function<PredicateSpec, BooleanSpec> predicate,
            Function<GatewayFilterSpec, GatewayFilterSpec> rewrite) {
        return spec -> {
            UriSpec filtered = predicate.apply(spec)
                    .filters(f -> resilience(rewrite.apply(f), id, policy, retryUnanswered));
            return filtered
                    .metadata(CONNECT_TIMEOUT_ATTR, (int) policy.connectTimeout().toMillis())
                    .metadata(RESPONSE_TIMEOUT_ATTR, policy.responseTimeout().toMillis())
                    .uri(uri);
        };
    }

    @SuppressWarnings("unchecked")
    private static GatewayFilterSpec resilience(GatewayFilterSpec filters, String id, RoutePolicy policy,
            int retryUnanswered) {
        filters.circuitBreaker(cb -> cb.setName(id).setStatusCodes(policy.countServerErrors()
                ? Set.of("500", "502", "503", "504") : Set.of()));
        // inside the breaker: a body the client fails to deliver is its fault, not the upstream's
        filters.filter(new IncompleteRequestFilter());
        if (policy.retries() > 0) {
            // GET only, and only where the upstream surely did no work (connect failure, a pooled
            // connection found closed) or said so (502/503/504); never a 4xx, never a timeout
            // (a slow upstream made slower by a second wait is what a retry storm looks like).
            filters.retry(retry -> retry
                    .setRetries(policy.retries())
                    .setMethods(HttpMethod.GET)
                    .setSeries()
                    .setStatuses(RETRIED_STATUSES.toArray(HttpStatus[]::new))
                    .setExceptions(RETRIED_EXCEPTIONS.toArray(Class[]::new))
                    .setBackoff(FIRST_BACKOFF, MAX_BACKOFF, 2, true)
                    .setJitter(JITTER));
        }
        else if (retryUnanswered > 0) {
            // several composers: a read whose connection was refused, or closed or reset before any
            // answer came (a composer that died or stopped accepting before the health check took it
            // out, a pooled connection it had closed) is tried on another instance (at most twice, never
            // one it already tried), as nginx's proxy_next_upstream does; an answer (a 5xx included) or
            // a timeout is never retried, so the composer's own retries are not multiplied
            filters.retry(retry -> retry
                    .setRetries(retryUnanswered)
                    .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                    .setSeries()
                    .setStatuses()
                    .setExceptions(ConnectException.class, PrematureCloseException.class, IOException.class));
        }
        return filters;
    }
}

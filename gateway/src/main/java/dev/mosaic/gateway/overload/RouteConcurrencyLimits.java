package dev.mosaic.gateway.overload;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.mosaic.gateway.error.Problem;
import dev.mosaic.gateway.error.ProblemWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An adaptive concurrency limit per route (Netflix concurrency-limits' Gradient2 on its non-blocking
 * {@link SimpleLimiter}): over it a request is 503 problem+json {@code overloaded} with
 * {@code Retry-After: 1} at once, before anything is sent upstream, instead of queueing until every
 * request times out. The fixed per-client rate limit stays in front of it. Each request's end is one
 * sample: an answer is a success (its latency feeds the gradient), a 504 or a timeout a drop, any
 * other error or a gone client is ignored.
 */
public final class RouteConcurrencyLimits implements GlobalFilter, Ordered {

    /** Before the routes' own filters (breakers, retries): a shed request costs nothing upstream. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final RouteConcurrencyLimitProperties settings;
    private final ProblemWriter problems;
    private final MeterRegistry meters;
    private final ConcurrentHashMap<String, RouteLimit> limits = new ConcurrentHashMap<>();

    public RouteConcurrencyLimits(RouteConcurrencyLimitProperties settings, ProblemWriter problems,
            MeterRegistry meters) {
        this.settings = settings;
        this.problems = problems;
        this.meters = meters;
    }

    private record RouteLimit(SimpleLimiter<Void> limiter, Counter rejected) {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        RouteLimit limit = limits.computeIfAbsent(route.getId(), this::create);
        Optional<Limiter.Listener> admitted = limit.limiter().acquire(null);
        if (admitted.isEmpty()) {
            limit.rejected().increment();
            return problems.write(exchange, Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "overloaded",
                    "The gateway is at its concurrency limit for this route (" + limit.limiter().getLimit()
                            + " requests in flight); try again shortly.").retryAfter(Duration.ofSeconds(1)));
        }
        Limiter.Listener listener = admitted.get();
        AtomicBoolean ended = new AtomicBoolean();
        return chain.filter(exchange)
                .doOnEach(signal -> {
                    if (signal.isOnComplete() && ended.compareAndSet(false, true)) {
                        HttpStatusCode status = exchange.getResponse().getStatusCode();
                        if (status != null && status.value() == 504) {
                            listener.onDropped();
                        } else {
                            listener.onSuccess();
                        }
                    } else if (signal.isOnError() && ended.compareAndSet(false, true)) {
                        if (signal.getThrowable() instanceof TimeoutException) {
                            listener.onDropped();
                        } else {
                            listener.onIgnore();
                        }
                    }
                })
                .doOnCancel(() -> {
                    if (ended.compareAndSet(false, true)) {
                        listener.onIgnore();
                    }
                });
    }

    private RouteLimit create(String routeId) {
        RouteConcurrencyLimitProperties.RouteLimit own = settings.limitFor(routeId);
        SimpleLimiter<Void> limiter = SimpleLimiter.newBuilder()
                .named(routeId)
                .limit(own.fixed() ? FixedLimit.of(own.fixedLimit())
                        : Gradient2Limit.newBuilder()
                                .initialLimit(own.initialLimit())
                                .minLimit(own.minLimit())
                                .maxConcurrency(own.maxLimit())
                                .build())
                .build();
        Gauge.builder("mosaic.gateway.concurrency.limit", limiter, SimpleLimiter::getLimit)
                .description("Requests the route's adaptive concurrency limit admits at once now")
                .tag("route", routeId)
                .register(meters);
        Gauge.builder("mosaic.gateway.concurrency.in.flight", limiter, SimpleLimiter::getInflight)
                .description("Requests in flight under the route's concurrency limit")
                .tag("route", routeId)
                .register(meters);
        Counter rejected = Counter.builder("mosaic.gateway.concurrency.rejected")
                .description("Requests shed by the route's concurrency limit (503 overloaded)")
                .tag("route", routeId)
                .register(meters);
        return new RouteLimit(limiter, rejected);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}

package dev.mosaic.gateway.overload;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.VegasLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import dev.mosaic.gateway.routing.EdgeRoutes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * An adaptive concurrency limit per route (Netflix concurrency-limits on its non-blocking
 * {@link SimpleLimiter}): over it a request is 503 problem+json {@code overloaded} with
 * {@code Retry-After: 1} at once, before anything is sent upstream, instead of queueing until every
 * request times out. {@link RouteAdmission} asks it for every request as Netty decodes it, so that a
 * refusal costs a few microseconds instead of the whole WebFlux chain (a refusal that cost as much as
 * an answer would take the CPU the answers need), and so that a request's latency sample includes the
 * time it waited behind the event loop. The fixed per-client rate limit stays behind it.
 *
 * <p>Each request's end is one sample: an answer is a success (its latency feeds the limit), a 504 a
 * drop, a 4xx (401, 403, 429 and the like are answered before or without the upstream) or a gone
 * client is ignored.
 */
public final class RouteConcurrencyLimits {

    /** How rarely Vegas takes a new no-queue latency, in multiples of its limit (see {@link #limitOf}). */
    static final int PROBE_MULTIPLIER = 1000;

    /** What {@code aimd} multiplies its limit by when a latency is over its target. */
    static final double AIMD_BACKOFF = 0.9;

    /**
     * How often {@code goodput} measures the answers per second again: a few hundred answers at the rates
     * an overload reaches, short against how long one lasts.
     */
    static final long GOODPUT_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final RouteConcurrencyLimitProperties settings;
    private final EdgeRoutes routes;
    private final MeterRegistry meters;
    private final ConcurrentHashMap<String, RouteLimit> limits = new ConcurrentHashMap<>();

    public RouteConcurrencyLimits(RouteConcurrencyLimitProperties settings, EdgeRoutes routes, MeterRegistry meters) {
        this.settings = settings;
        this.routes = routes;
        this.meters = meters;
    }

    private record RouteLimit(SimpleLimiter<Void> limiter, Counter rejected) {
    }

    /** The limited route a request path (no query) belongs to, or null when it is no route's. */
    String routeOf(String path) {
        String route = routes.routeOf(path);
        return RouteIds.NONE.equals(route) ? null : route;
    }

    /** A slot under {@code route}'s limit, or empty (counted as a refusal) when it is full. */
    Optional<Limiter.Listener> tryAcquire(String route) {
        RouteLimit limit = limits.computeIfAbsent(route, this::create);
        Optional<Limiter.Listener> admitted = limit.limiter().acquire(null);
        if (admitted.isEmpty()) {
            limit.rejected().increment();
        }
        return admitted;
    }

    /** Ends an admitted request answered with {@code status} (0: no answer, the client went away). */
    static void complete(Limiter.Listener listener, int status) {
        if (status == 504) {
            listener.onDropped();
        } else if (status == 0 || (status >= 400 && status < 500)) {
            listener.onIgnore();
        } else {
            listener.onSuccess();
        }
    }

    private RouteLimit create(String routeId) {
        SimpleLimiter<Void> limiter = SimpleLimiter.newBuilder()
                .named(routeId)
                .limit(limitOf(settings.limitFor(routeId)))
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

    static Limit limitOf(RouteConcurrencyLimitProperties.RouteLimit own) {
        if (own.fixed()) {
            return FixedLimit.of(own.fixedLimit());
        }
        if (own.algorithm() == RouteConcurrencyLimitProperties.Algorithm.AIMD) {
            // a latency over the target (or a drop) multiplies the limit by backoffRatio, each other sample
            // adds one while half of it is in flight: the limit holds about one answer in 10 / limit over
            return AIMDLimit.newBuilder()
                    .initialLimit(own.initialLimit())
                    .minLimit(own.minLimit())
                    .maxLimit(own.maxLimit())
                    .backoffRatio(AIMD_BACKOFF)
                    .timeout(own.latencyTarget().toNanos(), TimeUnit.NANOSECONDS)
                    .build();
        }
        if (own.algorithm() == RouteConcurrencyLimitProperties.Algorithm.GOODPUT) {
            return new GoodputLimit(own.initialLimit(), own.minLimit(), own.maxLimit(), own.latencyTarget().toNanos(),
                    GOODPUT_WINDOW_NANOS);
        }
        if (own.algorithm() == RouteConcurrencyLimitProperties.Algorithm.VEGAS) {
            int floor = own.minLimit();
            // Vegas has no floor of its own: its decrease (limit - log10 limit) stops at min-limit. Its probe
            // takes the latency of the moment as the one without a queue, every probeMultiplier x limit
            // requests (30 by default: every 2-3 s at 200 requests/s and a limit of 16). A probe in the middle
            // of an overload makes that overload's queue the new normal, and the limit climbs back to the
            // top; a rare probe keeps it down for as long as the overload lasts, at the price of relearning a
            // backend that got slow for good only after PROBE_MULTIPLIER x limit requests.
            return VegasLimit.newBuilder()
                    .probeMultiplier(PROBE_MULTIPLIER)
                    .initialLimit(own.initialLimit())
                    .maxConcurrency(own.maxLimit())
                    .decreaseFunction(limit -> Math.max(floor, limit - Math.max(1, Math.log10(limit))))
                    .build();
        }
        return Gradient2Limit.newBuilder()
                .initialLimit(own.initialLimit())
                .minLimit(own.minLimit())
                .maxConcurrency(own.maxLimit())
                .build();
    }
}

package dev.mosaic.gateway.overload;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The adaptive concurrency limit of each route ({@code mosaic.gateway.concurrency-limit.*}).
 * Both algorithms leave a limit alone while fewer than half of it are in flight, so with the default
 * 1024 nothing is shed below 512 requests in flight on a route (the benchmarks' highest concurrency);
 * beyond that the limit follows latency, never under {@code min-limit}. A route may have an algorithm
 * and bounds of its own, or a fixed limit instead ({@code routes.<route id>.*}).
 *
 * <p>{@link Algorithm#GRADIENT2 gradient2} compares the latency of the last requests with its own
 * long-run average: a step up in latency lowers the limit, but under load that lasts the average
 * catches up and the limit grows again (it measures change, not queueing). {@link Algorithm#VEGAS
 * vegas} compares each latency with the lowest seen (taken again every 1,000 × limit requests), which
 * is the route's latency without a queue: the limit shrinks for as long as requests queue, so it is
 * the one that holds a long overload (loadtest's {@code overload}); the price is that a backend that
 * gets slow for good holds the limit near {@code min-limit} until that next probe. On a CPU-bound
 * stack every request in flight beyond the first is queue to Vegas, so it sits at its floor.
 * {@link Algorithm#AIMD aimd} compares each latency with {@code latency-target}: one over it (or a
 * 504) cuts the limit by a tenth, and the limit grows by one while at least half of it is in flight;
 * it settles where about one latency in {@code 10 / limit} is over the target, which holds the queue
 * that keeps the route's answers within the target, whatever the machine's speed.
 * {@link Algorithm#GOODPUT goodput} is Little's law: the route's answers per second (measured every
 * 250 ms) times {@code latency-target}. Saturated, that is what the stack can answer within the target;
 * not saturated, it is above what is in flight while answers take less than the target, so the target
 * must sit above the route's normal latency. It is right one window after any change, where the others
 * walk there step by step; at rest it falls to {@code min-limit}, which is what a burst finds.
 *
 * @param enabled whether routes are limited
 * @param algorithm how adaptive limits adapt
 * @param initialLimit each route's limit at start
 * @param minLimit never below this
 * @param maxLimit never above this
 * @param latencyTarget what {@code aimd} and {@code goodput} hold each answer's latency under
 * @param routes per route id, settings that replace the ones above
 */
@ConfigurationProperties("mosaic.gateway.concurrency-limit")
@Validated
public record RouteConcurrencyLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("gradient2") Algorithm algorithm,
        @DefaultValue("1024") @Min(1) int initialLimit,
        @DefaultValue("256") @Min(1) int minLimit,
        @DefaultValue("8192") @Min(1) int maxLimit,
        @DefaultValue("500ms") Duration latencyTarget,
        @DefaultValue Map<String, @Valid RouteLimit> routes) {

    /** What {@code aimd} holds answers under when no target is set: well inside the composer's 900 ms deadline. */
    public static final Duration DEFAULT_LATENCY_TARGET = Duration.ofMillis(500);

    @ConstructorBinding
    public RouteConcurrencyLimitProperties {
        algorithm = algorithm == null ? Algorithm.GRADIENT2 : algorithm;
        latencyTarget = latencyTarget == null ? DEFAULT_LATENCY_TARGET : latencyTarget;
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }

    /** The settings with the default latency target. */
    public RouteConcurrencyLimitProperties(boolean enabled, Algorithm algorithm, int initialLimit, int minLimit,
            int maxLimit, Map<String, RouteLimit> routes) {
        this(enabled, algorithm, initialLimit, minLimit, maxLimit, null, routes);
    }

    /** How an adaptive limit follows latency. */
    public enum Algorithm { GRADIENT2, VEGAS, AIMD, GOODPUT }

    /** Bean validation: the three bounds in order. */
    @AssertTrue(message = "needs min-limit <= initial-limit <= max-limit")
    public boolean isOrdered() {
        return minLimit <= initialLimit && initialLimit <= maxLimit;
    }

    /** Bean validation: a latency target that is one. */
    @AssertTrue(message = "latency-target must be positive")
    public boolean isLatencyTargetPositive() {
        return positive(latencyTarget);
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    /** What limits route {@code routeId}: its own settings, the defaults where it has none. */
    public RouteLimit limitFor(String routeId) {
        RouteLimit own = routes.get(routeId);
        RouteLimit defaults = new RouteLimit(null, algorithm, initialLimit, minLimit, maxLimit, latencyTarget);
        return own == null ? defaults : own.over(defaults);
    }

    /**
     * One route's limit. {@code fixed-limit} replaces the adaptive limit with a fixed number of
     * requests in flight (what a hand-sized semaphore does, for comparison; the adaptive limit is what
     * ships); otherwise any bound given replaces the default one.
     *
     * @param fixedLimit   a fixed limit instead of an adaptive one
     * @param algorithm    how the adaptive limit adapts
     * @param initialLimit the adaptive limit at start
     * @param minLimit     the adaptive limit never goes below this
     * @param maxLimit     nor above this
     * @param latencyTarget what {@code aimd} holds each answer's latency under
     */
    public record RouteLimit(@Min(1) Integer fixedLimit, Algorithm algorithm, @Min(1) Integer initialLimit, @Min(1) Integer minLimit,
            @Min(1) Integer maxLimit, Duration latencyTarget) {

        @ConstructorBinding
        public RouteLimit {
        }

        /** A route's limit with the default latency target. */
        public RouteLimit(Integer fixedLimit, Algorithm algorithm, Integer initialLimit, Integer minLimit, Integer maxLimit) {
            this(fixedLimit, algorithm, initialLimit, minLimit, maxLimit, null);
        }

        /** Whether the limit is fixed. */
        public boolean fixed() {
            return fixedLimit != null;
        }

        RouteLimit over(RouteLimit defaults) {
            return new RouteLimit(fixedLimit, algorithm == null ? defaults.algorithm : algorithm,
                    initialLimit == null ? defaults.initialLimit : initialLimit,
                    minLimit == null ? defaults.minLimit : minLimit, maxLimit == null ? defaults.maxLimit : maxLimit,
                    latencyTarget == null ? defaults.latencyTarget : latencyTarget);
        }

        /** Bean validation: the bounds given in order, and a fixed limit alone. */
        @AssertTrue(message = "needs min-limit <= initial-limit <= max-limit, a positive latency-target, and fixed-limit without the other five")
        public boolean isConsistent() {
            if (fixedLimit != null) {
                return algorithm == null && initialLimit == null && minLimit == null && maxLimit == null
                        && latencyTarget == null;
            }
            return (latencyTarget == null || positive(latencyTarget))
                    && (minLimit == null || initialLimit == null || minLimit <= initialLimit)
                    && (initialLimit == null || maxLimit == null || initialLimit <= maxLimit)
                    && (minLimit == null || maxLimit == null || minLimit <= maxLimit);
        }
    }
}

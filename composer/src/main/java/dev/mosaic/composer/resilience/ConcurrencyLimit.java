package dev.mosaic.composer.resilience;

import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * How many calls may be in flight at once, as a Reactor operator: a call over the limit fails at once
 * with {@link ConcurrencyLimitExceededException} ({@code OVERLOADED}) instead of queueing until it
 * times out. The adaptive limit follows Netflix's concurrency-limits Gradient2: it grows while latency
 * stays near its long-run level and shrinks as soon as calls queue (latency rising above it), so a
 * composer near saturation sheds a little early rather than letting every call slow down.
 *
 * <pre>{@code
 * ConcurrencyLimit limit = ConcurrencyLimit.adaptive("orders", new ConcurrencyLimit.Settings(100, 20, 1000), time);
 * call.transformDeferred(limit::apply);
 * }</pre>
 */
public interface ConcurrencyLimit {

    /**
     * Bounds of an adaptive limit.
     *
     * @param initialLimit the limit at start
     * @param minLimit never below this: light traffic is never shed
     * @param maxLimit never above this
     */
    record Settings(int initialLimit, int minLimit, int maxLimit) {

        public Settings {
            if (minLimit < 1 || initialLimit < minLimit || maxLimit < initialLimit) {
                throw new IllegalArgumentException("need 1 <= min-limit <= initial-limit <= max-limit, got "
                        + minLimit + ", " + initialLimit + ", " + maxLimit);
            }
        }
    }

    /** An adaptive (Gradient2) limit named {@code name}, timed on {@code time}'s clock. */
    static ConcurrencyLimit adaptive(String name, Settings settings, TimeSource time) {
        return new AdaptiveConcurrencyLimit(name, settings, time);
    }

    /** No limit at all. */
    static ConcurrencyLimit unlimited() {
        return Unlimited.INSTANCE;
    }

    /** {@code call}, admitted only under the limit; its end (value, error, cancel) is a sample of the limit. */
    <T> Mono<T> apply(Mono<T> call);

    /** The current limit ({@link Integer#MAX_VALUE} when unlimited). */
    int limit();

    /** Calls in flight now. */
    int inFlight();

    /** Calls refused so far. */
    long rejected();

    /** As a {@code transformDeferred} function. */
    default <T> Function<Mono<T>, Mono<T>> operator() {
        return this::apply;
    }

    /** The limit that admits everything. */
    enum Unlimited implements ConcurrencyLimit {
        INSTANCE;

        @Override
        public <T> Mono<T> apply(Mono<T> call) {
            return call;
        }

        @Override
        public int limit() {
            return Integer.MAX_VALUE;
        }

        @Override
        public int inFlight() {
            return 0;
        }

        @Override
        public long rejected() {
            return 0;
        }
    }
}

package dev.mosaic.composer.resilience;

import java.time.Duration;

/**
 * Everything a {@link SourcePolicy} is built from: the core's own plain type, onto which the
 * configuration layer maps {@code mosaic.composer.sources.<name>.*}.
 *
 * @param timeout per-attempt timeout
 * @param retry retry with backoff and budget
 * @param breaker circuit-breaker windows
 * @param maxConcurrentCalls the semaphore bulkhead's size
 * @param concurrencyLimit the adaptive concurrency limit's bounds, or null for none
 * @param hedge delayed hedging, or null for none
 * @param coalescing request coalescing, or null for none
 */
public record PolicySettings(Duration timeout, Retry retry, Breaker breaker, int maxConcurrentCalls,
        ConcurrencyLimit.Settings concurrencyLimit, HedgePolicy.Settings hedge, Coalescing coalescing) {

    /** Settings without an adaptive concurrency limit, hedging or coalescing. */
    public PolicySettings(Duration timeout, Retry retry, Breaker breaker, int maxConcurrentCalls) {
        this(timeout, retry, breaker, maxConcurrentCalls, null, null, null);
    }

    /** The same settings with {@code hedge}. */
    public PolicySettings withHedge(HedgePolicy.Settings hedge) {
        return new PolicySettings(timeout, retry, breaker, maxConcurrentCalls, concurrencyLimit, hedge, coalescing);
    }

    /** The same settings with {@code coalescing}. */
    public PolicySettings withCoalescing(Coalescing coalescing) {
        return new PolicySettings(timeout, retry, breaker, maxConcurrentCalls, concurrencyLimit, hedge, coalescing);
    }

    /**
     * @param freshFor an answer that has just arrived is served to identical calls for this long (zero: none)
     * @param maxKeys at most this many distinct calls coalesced at once, and answers kept
     */
    public record Coalescing(Duration freshFor, int maxKeys) {
    }

    /**
     * @param maxAttempts attempts including the first
     * @param initialBackoff wait before the first retry
     * @param multiplier growth of the wait per retry
     * @param jitter randomisation factor in [0, 1)
     * @param maxBackoff cap on the wait
     * @param minAttemptTime a retry starts only if at least this much of the deadline remains after its wait
     * @param budgetRatio retry tokens earned per request
     * @param budgetReserve the retry budget's capacity
     */
    public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, double jitter,
            Duration maxBackoff, Duration minAttemptTime, double budgetRatio, int budgetReserve) {
    }

    /**
     * @param slidingWindowSize calls in the count-based window
     * @param minimumNumberOfCalls calls before the failure rate counts
     * @param failureRateThreshold percentage of failures that opens the circuit
     * @param openWait time open before probing
     * @param halfOpenCalls probe calls when half-open
     */
    public record Breaker(int slidingWindowSize, int minimumNumberOfCalls, float failureRateThreshold,
            Duration openWait, int halfOpenCalls) {
    }
}

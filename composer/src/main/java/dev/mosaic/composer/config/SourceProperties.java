package dev.mosaic.composer.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.mosaic.composer.resilience.PolicySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One backend source and its resilience policy ({@code mosaic.composer.sources.<name>.*}), shared by
 * every section of every composition that names the source.
 *
 * @param url the backend's base URL (one instance); ignored when {@code urls} is set
 * @param required for the dashboard's section of the same name only (from before compositions):
 *     overrides its {@code required}; unset = what {@code dashboard.yaml} says
 * @param timeout per-attempt timeout (SPEC: at least 250 ms by default; see {@link #DEFAULT_TIMEOUT})
 * @param retry retry policy
 * @param circuitBreaker circuit breaker windows
 * @param bulkhead concurrent-call limit
 * @param cache last-known-good cache
 * @param concurrencyLimit adaptive concurrency limit of calls to this source
 * @param hedge delayed, budgeted hedging of calls to this source
 * @param coalescing request coalescing of identical calls to this source
 * @param urls several instances of the backend, one base URL each: calls are balanced over them
 *     (round robin over the healthy ones); unset = the one {@code url}
 * @param healthCheck the active health check of the instances (only with several {@code urls})
 * @param ejection when an instance's own calls take it out (only with several {@code urls})
 */
public record SourceProperties(
        URI url,
        Boolean required,
        @DefaultValue(DEFAULT_TIMEOUT) @NotNull @DurationMin(millis = 1) Duration timeout,
        @DefaultValue @NotNull @Valid Retry retry,
        @DefaultValue @NotNull @Valid CircuitBreaker circuitBreaker,
        @DefaultValue @NotNull @Valid Bulkhead bulkhead,
        @DefaultValue @NotNull @Valid Cache cache,
        @DefaultValue @NotNull @Valid ConcurrencyLimit concurrencyLimit,
        @DefaultValue @NotNull @Valid Hedge hedge,
        @DefaultValue @NotNull @Valid Coalescing coalescing,
        @Size(min = 1, message = "must list at least one base URL") List<@NotNull @BaseUrl URI> urls,
        @DefaultValue @NotNull @Valid HealthCheck healthCheck,
        @DefaultValue @NotNull @Valid Ejection ejection) {

    /** Bean validation: a source needs an address. */
    @AssertTrue(message = "needs url (one instance) or urls (several instances)")
    public boolean isUrlOrUrls() {
        return url != null || urls != null;
    }

    /** The base URL of every instance, in configured order: {@code urls}, else the one {@code url}. */
    public List<URI> baseUrls() {
        return urls != null ? urls : url == null ? List.of() : List.of(url);
    }

    /** The core's balancing settings for this source. */
    public dev.mosaic.composer.balancing.SourceBalancer.Settings toBalancerSettings() {
        return new dev.mosaic.composer.balancing.SourceBalancer.Settings(healthCheck.interval(), healthCheck.timeout(),
                healthCheck.path(), healthCheck.unhealthyThreshold(), ejection.consecutiveFailures());
    }

    /** The core's policy settings for this source. */
    public PolicySettings toPolicySettings() {
        return new PolicySettings(timeout,
                new PolicySettings.Retry(retry.maxAttempts(), retry.initialBackoff(), retry.multiplier(), retry.jitter(),
                        retry.maxBackoff(), retry.minAttemptTime(), retry.budget().ratio(), retry.budget().reserve()),
                new PolicySettings.Breaker(circuitBreaker.slidingWindowSize(), circuitBreaker.minimumNumberOfCalls(),
                        circuitBreaker.failureRateThreshold(), circuitBreaker.openWait(), circuitBreaker.halfOpenCalls()),
                bulkhead.maxConcurrentCalls(),
                concurrencyLimit.enabled() ? new dev.mosaic.composer.resilience.ConcurrencyLimit.Settings(
                        concurrencyLimit.initialLimit(), concurrencyLimit.minLimit(), concurrencyLimit.maxLimit())
                        : null,
                hedge.enabled() ? new dev.mosaic.composer.resilience.HedgePolicy.Settings(hedge.delay(),
                        hedge.percentile(), hedge.minSamples(), hedge.minDelay(), hedge.budget().ratio(),
                        hedge.budget().reserve()) : null,
                coalescing.enabled() ? new PolicySettings.Coalescing(coalescing.freshFor(), coalescing.maxKeys())
                        : null);
    }

    /**
     * Default per-attempt timeout. The SPEC asks for at least 250 ms; 400 ms leaves room for a
     * busy composer's own queueing (a timeout counts against the backend's circuit) and, with the
     * 900 ms deadline, for exactly one retry after a timeout, while fast failures (resets, 503)
     * still get all attempts.
     */
    public static final String DEFAULT_TIMEOUT = "400ms";

    /**
     * Retry with exponential backoff and jitter, bounded by the request deadline and a retry budget.
     *
     * @param maxAttempts attempts including the first
     * @param initialBackoff wait before the first retry
     * @param multiplier growth of the wait per retry
     * @param jitter randomisation factor in [0, 1): the wait is {@code backoff * (1 ± jitter)}
     * @param maxBackoff cap on the wait
     * @param minAttemptTime a retry starts only if at least this much of the deadline remains after its wait
     * @param budget the per-backend retry budget
     */
    public record Retry(
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("25ms") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
            @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax(value = "1.0", inclusive = false) double jitter,
            @DefaultValue("200ms") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
            @DefaultValue("100ms") @NotNull @DurationMin(millis = 0) Duration minAttemptTime,
            @DefaultValue @NotNull @Valid Budget budget) {
    }

    /**
     * Retry budget: each request earns {@code ratio} of a retry token, each retry spends one, and the
     * bucket holds at most {@code reserve} tokens (it starts full), so retries stay under
     * {@code ratio} of recent requests plus a small reserve.
     *
     * @param ratio fraction of requests that may be retried, in [0, 1]
     * @param reserve bucket capacity: the small minimum of retries always available after a calm period
     */
    public record Budget(
            @DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("1.0") double ratio,
            @DefaultValue("10") @Min(1) @Max(100_000) int reserve) {
    }

    /**
     * Count-based circuit breaker windows, chosen so that a dead backend trips it within a few dozen
     * calls and recovery is probed within seconds (Resilience4j's defaults, 100 calls / 60 s, never
     * open in practice).
     *
     * @param slidingWindowSize calls in the window
     * @param minimumNumberOfCalls calls before the failure rate is computed
     * @param failureRateThreshold percentage of failures that opens the circuit
     * @param openWait time spent open before probing (half-open)
     * @param halfOpenCalls probe calls in half-open state: enough that one call slowed down by the
     *     composer's own load does not send the circuit back to open
     */
    public record CircuitBreaker(
            @DefaultValue("40") @Min(1) int slidingWindowSize,
            @DefaultValue("20") @Min(1) int minimumNumberOfCalls,
            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float failureRateThreshold,
            @DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration openWait,
            @DefaultValue("10") @Min(1) int halfOpenCalls) {
    }

    /**
     * Semaphore bulkhead; callers never wait for a permit (waiting would block an event loop).
     *
     * @param maxConcurrentCalls concurrent calls to this backend
     */
    public record Bulkhead(@DefaultValue("1000") @Min(1) int maxConcurrentCalls) {
    }

    /**
     * Last-known-good cache.
     *
     * @param ttl how long a good answer may be served as stale
     * @param maxSize entries kept (0 disables the cache)
     */
    public record Cache(
            @DefaultValue("10m") @NotNull @DurationMin(millis = 1) Duration ttl,
            @DefaultValue("10000") @Min(0) long maxSize) {
    }

    /**
     * Adaptive concurrency limit (Gradient2) of calls in flight to this source: over it a call is
     * {@code OVERLOADED} at once, not queued until it times out, and never counted by the breaker.
     * Off by default: a composer that is itself saturated raises every source's latency, and a
     * per-source limit would then shed sections (a required one fails the whole answer) after the
     * request was admitted; the door's limit sheds that load earlier and cheaper. Turn it on for a
     * backend that must be protected from the composer's concurrency.
     *
     * @param enabled whether the limit applies
     * @param initialLimit the limit at start
     * @param minLimit never below this (light traffic is never shed)
     * @param maxLimit never above this
     */
    public record ConcurrencyLimit(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("100") @Min(1) int initialLimit,
            @DefaultValue("20") @Min(1) int minLimit,
            @DefaultValue("1000") @Min(1) int maxLimit) {

        /** Bean validation: the three bounds in order. */
        @AssertTrue(message = "needs min-limit <= initial-limit <= max-limit")
        public boolean isOrdered() {
            return minLimit <= initialLimit && initialLimit <= maxLimit;
        }
    }

    /**
     * Delayed, budgeted hedging ("The Tail at Scale"): when an attempt has not answered after the
     * source's live {@code percentile} latency (or {@code delay}), one more copy is sent; the first
     * answer wins, the other is cancelled. Off by default, like Envoy's: turn it on for a source whose
     * GETs are cheap to repeat and whose tail hurts.
     *
     * @param enabled whether to hedge at all
     * @param delay a fixed delay instead of the live percentile (unset: live)
     * @param percentile the live delay's percentile of recent successful attempts
     * @param minSamples no hedging before this many successful attempts (no live delay yet)
     * @param minDelay never hedge sooner than this
     * @param budget hedges as a share of first attempts (at most {@code ratio} more calls; default 5 %)
     */
    public record Hedge(
            @DefaultValue("false") boolean enabled,
            @DurationMin(millis = 1) Duration delay,
            @DefaultValue("0.95") @DecimalMin("0.5") @DecimalMax(value = "1.0", inclusive = false) double percentile,
            @DefaultValue("50") @Min(1) int minSamples,
            @DefaultValue("5ms") @NotNull @DurationMin(millis = 0) Duration minDelay,
            @DefaultValue @NotNull @Valid HedgeBudget budget) {
    }

    /**
     * The hedge budget: each first attempt earns {@code ratio} of a hedge, each hedge spends one.
     *
     * @param ratio at most this share of first attempts is hedged, in [0, 1]
     * @param reserve bucket capacity (it starts full)
     */
    public record HedgeBudget(
            @DefaultValue("0.05") @DecimalMin("0.0") @DecimalMax("1.0") double ratio,
            @DefaultValue("10") @Min(1) @Max(100_000) int reserve) {
    }

    /**
     * Request coalescing (single-flight): identical calls to this source in flight at the same moment
     * (same URI and selected value; the composer forwards no caller credentials to backends) share one
     * call and one answer. Off by default: turn it on for a source whose answers do not depend on
     * who asks beyond the URI, and whose hot keys are asked for many times at once.
     *
     * @param enabled whether to coalesce
     * @param freshFor serve an answer that has just arrived to identical calls for this long (0: only calls in flight)
     * @param maxKeys at most this many distinct calls coalesced at once (beyond: not coalesced), and fresh answers kept
     */
    public record Coalescing(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("0ms") @NotNull @DurationMin(millis = 0) @DurationMax(seconds = 10) Duration freshFor,
            @DefaultValue("10000") @Min(1) @Max(1_000_000) int maxKeys) {
    }

    /**
     * The active health check of a source's instances: every {@code interval}, each instance is asked
     * {@code GET path}; an answer below 500 within {@code timeout} passes. {@code unhealthy-threshold}
     * failed checks in a row take a healthy instance out; one passing check puts an ejected or unhealthy
     * instance back. Non-blocking, on the composer's event loops and one timer.
     *
     * @param interval time between two checks of an instance
     * @param timeout one check's limit, at most the interval
     * @param path what is asked (a service's own health endpoint, e.g. {@code /actuator/health}; the
     *     default {@code /} only asks whether the instance answers HTTP at all)
     * @param unhealthyThreshold failed checks in a row that take a healthy instance out (2: one slow
     *     answer from a busy instance does not; a dead one is ejected by its calls long before)
     */
    public record HealthCheck(
            @DefaultValue("2s") @NotNull @DurationMin(millis = 50) @DurationMax(minutes = 5) Duration interval,
            @DefaultValue("1s") @NotNull @DurationMin(millis = 10) @DurationMax(minutes = 1) Duration timeout,
            @DefaultValue("/") @NotBlank @Pattern(regexp = "/.*", message = "must start with /") String path,
            @DefaultValue("2") @Min(1) @Max(100) int unhealthyThreshold) {

        /** Bean validation: a check ends before the next one is due. */
        @AssertTrue(message = "timeout must not be longer than interval")
        public boolean isTimeoutWithinInterval() {
            return timeout == null || interval == null || timeout.compareTo(interval) <= 0;
        }
    }

    /**
     * Passive ejection (Envoy's outlier detection): an instance whose calls fail this many times in a
     * row with a connect error, a broken connection or a 5xx is taken out until a health check passes.
     * 3 takes a dead instance out within a handful of calls, long before the source's circuit breaker
     * (20 calls, 50 %) could see the source as failing.
     *
     * @param consecutiveFailures failed calls in a row that eject an instance
     */
    public record Ejection(@DefaultValue("3") @Min(1) @Max(1000) int consecutiveFailures) {
    }
}

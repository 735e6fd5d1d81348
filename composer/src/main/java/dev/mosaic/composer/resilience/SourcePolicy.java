package dev.mosaic.composer.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import reactor.core.publisher.Mono;

/**
 * A backend source's resilience policy, shared by every section that calls the source: bulkhead,
 * per-attempt timeout, circuit breaker and retry, applied
 * in that order (innermost first), each with {@code transformDeferred} so every subscription gets
 * fresh operator state.
 *
 * <p>Why this order: the bulkhead bounds what actually reaches the backend; the timeout sits inside
 * the circuit breaker so that slow attempts count as failures; the retry is outermost so that each
 * attempt passes the breaker again (an opened circuit stops a retry loop at once) and never retries
 * a rejection. Fallback comes after all of this, in the section's call.
 */
public final class SourcePolicy {

    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final TimeLimiter timeLimiter;
    private final ConcurrencyLimit concurrencyLimit;
    private final HedgePolicy hedge;
    private final Coalescer coalescer;
    private final TimeSource time;
    private final Retry retry;
    private final RetryBudget retryBudget;
    private final PolicyEvents events;

    private SourcePolicy(CircuitBreaker circuitBreaker, Bulkhead bulkhead, TimeLimiter timeLimiter,
            ConcurrencyLimit concurrencyLimit, HedgePolicy hedge, Coalescer coalescer, TimeSource time,
            Retry retry, RetryBudget retryBudget, PolicyEvents events) {
        this.concurrencyLimit = concurrencyLimit;
        this.hedge = hedge;
        this.coalescer = coalescer;
        this.time = time;
        this.circuitBreaker = circuitBreaker;
        this.bulkhead = bulkhead;
        this.timeLimiter = timeLimiter;
        this.retry = retry;
        this.retryBudget = retryBudget;
        this.events = events;
    }

    /**
     * Builds the policy of source {@code name}, registering its instances in {@code registries}.
     *
     * @param time the clock of the circuit breaker's open-state wait; virtual in tests
     */
    public static SourcePolicy create(String name, PolicySettings source, ResilienceRegistries registries,
            TimeSource time) {
        return create(name, source, registries, time, PolicyEvents.NONE);
    }

    /** The same, telling {@code events} how attempts end and what the retry budget decides. */
    public static SourcePolicy create(String name, PolicySettings source, ResilienceRegistries registries,
            TimeSource time, PolicyEvents events) {
        PolicySettings.Breaker cb = source.breaker();
        CircuitBreakerConfig cbConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(cb.slidingWindowSize())
                .minimumNumberOfCalls(cb.minimumNumberOfCalls())
                .failureRateThreshold(cb.failureRateThreshold())
                .waitDurationInOpenState(cb.openWait())
                .permittedNumberOfCallsInHalfOpenState(cb.halfOpenCalls())
                .recordException(Failures::isBackendFailure)
                // a full bulkhead or a concurrency limit is our own limit, not the backend's health:
                // neither success nor failure
                .ignoreException(e -> Failures.classify(e) == FailureReason.BULKHEAD_FULL
                        || Failures.classify(e) == FailureReason.OVERLOADED)
                .writableStackTraceEnabled(false)
                .clock(time.clock())
                .build();
        BulkheadConfig bulkheadConfig = BulkheadConfig.custom()
                .maxConcurrentCalls(source.maxConcurrentCalls())
                // never wait for a permit: waiting would park an event-loop thread
                .maxWaitDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build();
        TimeLimiterConfig timeLimiterConfig = TimeLimiterConfig.custom()
                .timeoutDuration(source.timeout())
                .cancelRunningFuture(true)
                .build();
        PolicySettings.Retry r = source.retry();
        RetryBudget budget = RetryBudget.tokenBucket(r.budgetRatio(), r.budgetReserve());
        DeadlineAwareBackoff backoff = DeadlineAwareBackoff.of(
                IntervalFunction.ofExponentialRandomBackoff(r.initialBackoff(), r.multiplier(), r.jitter(),
                        r.maxBackoff()),
                r.minAttemptTime().toMillis(), budget, events);
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .retryOnException(e -> e instanceof AttemptFailedException && Failures.isRetryable(e.getCause()))
                .intervalBiFunction((attempt, result) -> result.isLeft()
                        && result.getLeft() instanceof AttemptFailedException failed
                                ? backoff.next(attempt, failed.state())
                                : DeadlineAwareBackoff.NO_RETRY)
                .failAfterMaxAttempts(false)
                .build();
        return new SourcePolicy(
                registries.circuitBreakers().circuitBreaker(name, cbConfig),
                registries.bulkheads().bulkhead(name, bulkheadConfig),
                registries.timeLimiters().timeLimiter(name, timeLimiterConfig),
                source.concurrencyLimit() == null ? ConcurrencyLimit.unlimited()
                        : ConcurrencyLimit.adaptive(name, source.concurrencyLimit(), time),
                source.hedge() == null ? HedgePolicy.off()
                        : HedgePolicy.of(source.hedge(), source.timeout(), time, events),
                source.coalescing() == null ? Coalescer.off()
                        : Coalescer.create(source.coalescing().freshFor(), source.coalescing().maxKeys(), time),
                time,
                registries.retries().retry(name, retryConfig),
                budget, events);
    }

    /**
     * Applies the policy to one backend call. {@code attempt} is subscribed once per attempt; it
     * should call {@link CallState#onAttempt()} when it really reaches the backend.
     */
    public <T> Mono<T> decorate(Mono<T> attempt, CallState state) {
        Mono<T> guarded = attempt
                .transformDeferred(BulkheadOperator.of(bulkhead))
                .transformDeferred(AttemptTimeout.of(timeLimiter, time))
                // outside the timeout, so that a timed-out attempt is a sample of the limit
                .transformDeferred(concurrencyLimit.operator())
                .transformDeferred(this::observed)
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker));
        return Mono.defer(() -> {
            retryBudget.onRequest();
            hedge.onRequest();
            // each try may be hedged; each copy passes the whole per-attempt chain on its own
            return hedge.apply(guarded, state)
                    .onErrorMap(e -> new AttemptFailedException(e, state))
                    .transformDeferred(RetryOperator.of(retry));
        });
    }

    /**
     * Reports how one attempt ended. Here, inside the breaker and outside the time limiter, the end
     * is visible as it is: a value, the attempt's own timeout, a backend error, or a cancel (the
     * deadline). A full bulkhead never reached the backend; the breaker's rejections happen further
     * out, so neither counts as an attempt.
     */
    private <T> Mono<T> observed(Mono<T> attempt) {
        // called per subscription (transformDeferred). A Mono may be cancelled after its value, or a
        // cancel may race its error: one report each
        AtomicBoolean ended = new AtomicBoolean();
        // only hedging reads an attempt's latency: no clock reads per attempt without it
        boolean timed = hedge.enabled();
        long start = timed ? time.millis() : 0;
        return attempt
                .doOnEach(signal -> {
                    if (signal.isOnNext() && ended.compareAndSet(false, true)) {
                        if (timed) {
                            hedge.recordSuccess(time.millis() - start);
                        }
                        events.attemptEnded(null);
                    } else if (signal.isOnError() && ended.compareAndSet(false, true)) {
                        FailureReason reason = Failures.classify(signal.getThrowable());
                        if (reason != FailureReason.BULKHEAD_FULL && reason != FailureReason.OVERLOADED) {
                            events.attemptEnded(reason);
                        }
                    }
                })
                .doOnCancel(() -> {
                    if (ended.compareAndSet(false, true)) {
                        events.attemptCancelled();
                    }
                });
    }

    /** How long one attempt may take before it is given up. */
    public long attemptTimeoutMillis() {
        return timeLimiter.getTimeLimiterConfig().getTimeoutDuration().toMillis();
    }

    /** The source's circuit breaker. */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** The source's bulkhead. */
    public Bulkhead bulkhead() {
        return bulkhead;
    }

    /** The source's adaptive concurrency limit ({@link ConcurrencyLimit#unlimited()} when off). */
    public ConcurrencyLimit concurrencyLimit() {
        return concurrencyLimit;
    }

    /** The source's request coalescing ({@link Coalescer#off()} when off). */
    public Coalescer coalescer() {
        return coalescer;
    }

    /** The source's hedging ({@link HedgePolicy#off()} when off). */
    public HedgePolicy hedge() {
        return hedge;
    }

    /** The source's retry budget. */
    public RetryBudget retryBudget() {
        return retryBudget;
    }

    /** How long an open circuit stays open: a client's sensible {@code Retry-After}. */
    public Duration openWait() {
        return circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState() == null
                ? Duration.ZERO
                : Duration.ofMillis(circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState()
                        .apply(1));
    }
}

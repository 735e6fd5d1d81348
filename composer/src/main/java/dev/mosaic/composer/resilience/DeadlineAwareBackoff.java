package dev.mosaic.composer.resilience;

import io.github.resilience4j.core.IntervalFunction;

/**
 * Decides the wait before a retry: exponential backoff with jitter, but no retry at all when the
 * request's remaining deadline, after the wait, would leave less than {@code minAttemptMillis} for
 * the attempt, or when the backend's retry budget is spent.
 */
public final class DeadlineAwareBackoff {

    /** Resilience4j's convention for "do not retry". */
    static final long NO_RETRY = -1;

    private final IntervalFunction intervals;
    private final long minAttemptMillis;
    private final RetryBudget budget;
    private final PolicyEvents events;

    private DeadlineAwareBackoff(IntervalFunction intervals, long minAttemptMillis, RetryBudget budget,
            PolicyEvents events) {
        this.intervals = intervals;
        this.minAttemptMillis = minAttemptMillis;
        this.budget = budget;
        this.events = events;
    }

    /** A backoff over Resilience4j's exponential random interval function. */
    public static DeadlineAwareBackoff of(IntervalFunction intervals, long minAttemptMillis, RetryBudget budget) {
        return of(intervals, minAttemptMillis, budget, PolicyEvents.NONE);
    }

    /** The same, telling {@code events} about each budget decision. */
    public static DeadlineAwareBackoff of(IntervalFunction intervals, long minAttemptMillis, RetryBudget budget,
            PolicyEvents events) {
        return new DeadlineAwareBackoff(intervals, minAttemptMillis, budget, events);
    }

    /**
     * The wait in milliseconds before retry number {@code attempt} (1 = first retry), or
     * {@link #NO_RETRY}.
     */
    public long next(int attempt, CallState state) {
        long wait = intervals.apply(attempt);
        if (state.deadline().remainingMillis() - wait < minAttemptMillis) {
            return NO_RETRY;
        }
        // spend budget only for a retry that will really start
        if (!budget.tryAcquireRetry()) {
            events.retryBudget(false);
            state.stop(FailureReason.RETRY_BUDGET_EXHAUSTED);
            return NO_RETRY;
        }
        events.retryBudget(true);
        return wait;
    }
}

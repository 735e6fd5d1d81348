package dev.mosaic.composer.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Delayed, budgeted hedging of one backend attempt ("The Tail at Scale"): when the attempt has not
 * answered after the source's live p95 (or a configured delay), one more copy is sent; the first good
 * answer wins and the other is cancelled. Hedges are paid from a token bucket (each first attempt
 * earns {@code budgetRatio} of a hedge), so a slow backend sees at most that share more calls, and a
 * hedge never starts with less of the deadline left than the attempt floor. An attempt that fails
 * before the hedge is due fails as it is (errors are the retry's business); once a hedge is out,
 * either copy's failure waits for the other.
 *
 * <p>Resilience4j's {@code resilience4j-hedge} is not released to Maven Central and works on
 * {@code CompletionStage}s; this is the same idea as a Reactor operator, so that each copy goes
 * through the bulkhead, timeout, limit and breaker like any attempt, and a cancel really cancels.
 */
public final class HedgePolicy {

    /**
     * @param delay a fixed hedge delay, or null for the live percentile
     * @param percentile the live delay's percentile of recent successful attempts, e.g. 0.95
     * @param minSamples no live delay (so no hedge) before this many successful attempts
     * @param minDelay never hedge sooner than this
     * @param budgetRatio hedges earned per first attempt (0.05: at most 5 % more calls)
     * @param budgetReserve the budget's capacity
     */
    public record Settings(Duration delay, double percentile, int minSamples, Duration minDelay,
            double budgetRatio, int budgetReserve) {
    }

    private static final HedgePolicy OFF = new HedgePolicy(null, null, null, null, 0, PolicyEvents.NONE);

    private final Settings settings;
    private final LatencyWindow latencies;
    private final RetryBudget budget;
    private final TimeSource time;
    private final long attemptTimeoutMillis;
    private final PolicyEvents events;

    private HedgePolicy(Settings settings, LatencyWindow latencies, RetryBudget budget, TimeSource time,
            long attemptTimeoutMillis, PolicyEvents events) {
        this.settings = settings;
        this.latencies = latencies;
        this.budget = budget;
        this.time = time;
        this.attemptTimeoutMillis = attemptTimeoutMillis;
        this.events = events;
    }

    /** No hedging. */
    public static HedgePolicy off() {
        return OFF;
    }

    /** Hedging by {@code settings}, for attempts of {@code attemptTimeout}, on {@code time}. */
    public static HedgePolicy of(Settings settings, Duration attemptTimeout, TimeSource time, PolicyEvents events) {
        return new HedgePolicy(settings, new LatencyWindow(settings.percentile(), settings.minSamples()),
                RetryBudget.tokenBucket(settings.budgetRatio(), settings.budgetReserve()), time,
                attemptTimeout.toMillis(), events);
    }

    /** Whether hedging is on. */
    public boolean enabled() {
        return this != OFF;
    }

    /** Records a successful attempt's latency (the live delay's input). */
    public void recordSuccess(long latencyMillis) {
        if (latencies != null) {
            latencies.record(latencyMillis);
        }
    }

    /** Records a first attempt (the budget's income). */
    public void onRequest() {
        if (budget != null) {
            budget.onRequest();
        }
    }

    /** The delay after which a hedge would be sent now, or -1 for none (too few samples, or not before the timeout). */
    public long delayMillis() {
        if (!enabled()) {
            return -1;
        }
        long delay = settings.delay() != null ? settings.delay().toMillis() : latencies.percentileMillis();
        if (delay < 0) {
            return -1;
        }
        delay = Math.max(delay, settings.minDelay().toMillis());
        // a hedge due when the attempt has already timed out would only add load
        return delay < attemptTimeoutMillis ? delay : -1;
    }

    /**
     * {@code attempt}, hedged: subscribed once, and once more if it has not answered after
     * {@link #delayMillis()}. {@code attempt} must be safe to subscribe twice (each subscription one
     * backend call).
     */
    public <T> Mono<T> apply(Mono<T> attempt, CallState state) {
        if (!enabled()) {
            return attempt;
        }
        return Mono.create(sink -> {
            Race<T> race = new Race<>(sink, attempt, state);
            sink.onDispose(race::cancelAll);
            race.start(delayMillis());
        });
    }

    /** One hedged attempt: the first copy, the timer, maybe the hedge, and who answered first. */
    private final class Race<T> {

        private final MonoSink<T> sink;
        private final Mono<T> attempt;
        private final CallState state;
        private boolean done;
        private boolean hedgeSent;
        private int running;
        private Throwable firstError;
        private Disposable primary;
        private Disposable timer;
        private Disposable hedge;

        Race(MonoSink<T> sink, Mono<T> attempt, CallState state) {
            this.sink = sink;
            this.attempt = attempt.contextWrite(sink.contextView());
            this.state = state;
        }

        void start(long delay) {
            synchronized (this) {
                running = 1;
            }
            Disposable p = attempt.subscribe(v -> won(v, false), e -> failed(e), () -> won(null, false));
            Disposable t = delay < 0 ? null
                    : time.timer().schedule(this::hedgeIfStillWaiting, delay, TimeUnit.MILLISECONDS);
            synchronized (this) {
                primary = p;
                timer = t;
                if (done) {
                    cancelAll();
                }
            }
        }

        private void hedgeIfStillWaiting() {
            synchronized (this) {
                if (done) {
                    return;
                }
                if (!state.deadline().allowsAttempt()) {
                    return;
                }
                if (!budget.tryAcquireRetry()) {
                    events.hedge(HedgeEvent.DENIED);
                    return;
                }
                hedgeSent = true;
                running++;
            }
            events.hedge(HedgeEvent.SENT);
            Disposable h = attempt.subscribe(v -> won(v, true), e -> failed(e), () -> won(null, true));
            synchronized (this) {
                hedge = h;
                if (done) {
                    h.dispose();
                }
            }
        }

        private void won(T value, boolean byHedge) {
            Disposable loser;
            boolean hedgeLost;
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                loser = byHedge ? primary : hedge;
                hedgeLost = !byHedge && hedgeSent;
            }
            if (byHedge) {
                state.hedgeWon();
                events.hedge(HedgeEvent.WON);
            } else if (hedgeLost) {
                events.hedge(HedgeEvent.CANCELLED);
            }
            if (loser != null) {
                loser.dispose();
            }
            disposeTimer();
            if (value == null) {
                sink.success();
            } else {
                sink.success(value);
            }
        }

        private void failed(Throwable error) {
            synchronized (this) {
                if (done) {
                    return;
                }
                if (firstError == null) {
                    firstError = error;
                }
                running--;
                // before the hedge: fail now (a retry may follow); after: wait for the other copy
                if (hedgeSent && running > 0) {
                    return;
                }
                done = true;
            }
            disposeTimer();
            sink.error(firstError);
        }

        private void disposeTimer() {
            Disposable t;
            synchronized (this) {
                t = timer;
            }
            if (t != null) {
                t.dispose();
            }
        }

        void cancelAll() {
            Disposable p;
            Disposable t;
            Disposable h;
            synchronized (this) {
                done = true;
                p = primary;
                t = timer;
                h = hedge;
            }
            for (Disposable d : new Disposable[] { t, p, h }) {
                if (d != null) {
                    d.dispose();
                }
            }
        }
    }
}

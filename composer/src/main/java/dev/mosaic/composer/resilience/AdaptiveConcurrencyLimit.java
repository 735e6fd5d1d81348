package dev.mosaic.composer.resilience;

import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import reactor.core.publisher.Mono;

/**
 * {@link ConcurrencyLimit} on Netflix's {@link SimpleLimiter} (a non-blocking {@code tryAcquire}) with
 * a {@link Gradient2Limit}. Each call's end is one sample: a value or an empty completion is a
 * success (its latency feeds the gradient); a timeout is a drop; any other error or a cancel (the
 * deadline, a losing hedge) is ignored, so fast failures never make the limit grow.
 */
final class AdaptiveConcurrencyLimit implements ConcurrencyLimit {

    private final String name;
    private final SimpleLimiter<Void> limiter;
    private final LongAdder rejected = new LongAdder();

    AdaptiveConcurrencyLimit(String name, Settings settings, TimeSource time) {
        this.name = name;
        this.limiter = SimpleLimiter.newBuilder()
                .named(name)
                .nanoClock(time::nanos)
                .limit(Gradient2Limit.newBuilder()
                        .initialLimit(settings.initialLimit())
                        .minLimit(settings.minLimit())
                        .maxConcurrency(settings.maxLimit())
                        .build())
                .build();
    }

    @Override
    public <T> Mono<T> apply(Mono<T> call) {
        return Mono.defer(() -> {
            Optional<Limiter.Listener> admitted = limiter.acquire(null);
            if (admitted.isEmpty()) {
                rejected.increment();
                return Mono.error(new ConcurrencyLimitExceededException(name, limiter.getLimit()));
            }
            Limiter.Listener listener = admitted.get();
            // a Mono may be cancelled after its value, or a cancel may race its error: one sample each
            AtomicBoolean ended = new AtomicBoolean();
            return call
                    .doOnEach(signal -> {
                        if ((signal.isOnNext() || signal.isOnComplete()) && ended.compareAndSet(false, true)) {
                            listener.onSuccess();
                        } else if (signal.isOnError() && ended.compareAndSet(false, true)) {
                            if (isTimeout(signal.getThrowable())) {
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
        });
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int limit() {
        return limiter.getLimit();
    }

    @Override
    public int inFlight() {
        return limiter.getInflight();
    }

    @Override
    public long rejected() {
        return rejected.sum();
    }

    @Override
    public String toString() {
        return "AdaptiveConcurrencyLimit[" + name + ", limit " + limit() + ", in flight " + inFlight() + "]";
    }
}

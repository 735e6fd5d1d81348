package dev.mosaic.composer.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.mosaic.composer.client.RequestSent;
import io.github.resilience4j.timelimiter.TimeLimiter;
import reactor.core.publisher.Mono;

/**
 * The per-attempt timeout, timed from the moment the request is sent ({@link RequestSent}), not from
 * subscription: what the backend took, not what the composer's own queue took. Waiting for a pooled
 * connection is bounded by the pool's acquire timeout (a saturated pool is {@code OVERLOADED}, never
 * the backend's fault) and connecting by the connect timeout; the request's deadline bounds
 * everything. Resilience4j's {@link TimeLimiter} keeps the configuration and publishes the
 * outcome events, so its meters stay as they were.
 */
final class AttemptTimeout {

    private AttemptTimeout() {
    }

    /** The timeout of {@code limiter}'s duration, on {@code time}'s clock, as a {@code transformDeferred} operator. */
    static <T> Function<Mono<T>, Mono<T>> of(TimeLimiter limiter, TimeSource time) {
        Duration timeout = limiter.getTimeLimiterConfig().getTimeoutDuration();
        return attempt -> Mono.defer(() -> {
            RequestSent sent = new RequestSent();
            return attempt
                    .timeout(sent.signal().then(Mono.delay(timeout, time.timer())),
                            Mono.error(() -> new TimeoutException(
                                    "no answer " + timeout.toMillis() + " ms after the request was sent")))
                    .contextWrite(context -> context.put(RequestSent.KEY, sent))
                    .doOnEach(signal -> {
                        if (signal.isOnNext()) {
                            limiter.onSuccess();
                        } else if (signal.isOnError()) {
                            limiter.onError(signal.getThrowable());
                        }
                    });
        });
    }
}

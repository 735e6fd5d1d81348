package dev.mosaic.composer.resilience;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import dev.mosaic.composer.client.BackendCallException;
import dev.mosaic.composer.client.RequestSent;
import io.github.resilience4j.timelimiter.TimeLimiter;
import reactor.core.publisher.Mono;

/**
 * The per-attempt timeout, timed from the moment the request is sent ({@link RequestSent}), not from
 * subscription: what the backend took, not what the composer's own queue took. A request not even
 * sent within one timeout of its subscription (waiting for a pooled connection, behind a busy event
 * loop) is given up as the composer's own overload ({@code POOL_SATURATED}: {@code OVERLOADED}, never
 * retried, never the backend's fault), so an attempt takes at most twice its timeout whatever
 * happens, and the request's deadline bounds everything. Resilience4j's {@link TimeLimiter} keeps the
 * configuration and publishes the outcome events, so its meters stay as they were.
 */
final class AttemptTimeout {

    private AttemptTimeout() {
    }

    /** The timeout of {@code limiter}'s duration, on {@code time}'s clock, as a {@code transformDeferred} operator. */
    static <T> Function<Mono<T>, Mono<T>> of(TimeLimiter limiter, TimeSource time) {
        Duration timeout = limiter.getTimeLimiterConfig().getTimeoutDuration();
        long timeoutMillis = timeout.toMillis();
        return attempt -> Mono.defer(() -> {
            RequestSent sent = new RequestSent(time::millis);
            // one timer in the common case (sent at once): when it fires, an unsent request is the
            // composer's overload, and a request sent late gets the rest of its own timeout
            Mono<Long> due = Mono.delay(timeout, time.timer()).flatMap(fired -> {
                if (!sent.isSent()) {
                    return Mono.just(fired);
                }
                long left = sent.sentAtMillis() + timeoutMillis - time.millis();
                return left > 0 ? Mono.delay(Duration.ofMillis(left), time.timer()) : Mono.just(fired);
            });
            return attempt
                    .timeout(due, Mono.error(() -> sent.isSent()
                            ? new TimeoutException("no answer " + timeoutMillis + " ms after the request was sent")
                            : BackendCallException.of(BackendCallException.Kind.POOL_SATURATED,
                                    "not sent within " + timeoutMillis + " ms: the composer is saturated", null)))
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

package dev.mosaic.composer.client;

import java.net.URI;

import dev.mosaic.composer.tracing.AttemptSpan;
import dev.mosaic.composer.tracing.RequestTrace;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * What a backend call passes on: the request's trace (each attempt sends its own W3C
 * {@code traceparent}, see {@link #attempt}), the {@code X-Request-Id} when the incoming request had
 * one, and {@code X-Mosaic-Timeout-Ms}, the time the composer will wait for this attempt, so a backend
 * can give up on work nobody will read.
 *
 * @param trace the request's trace, or null (a health probe's call carries none)
 * @param requestId the incoming request id, or null
 * @param timeoutMillis milliseconds the composer waits for this attempt, or {@link #NO_TIMEOUT}
 */
public record ForwardedHeaders(RequestTrace trace, String requestId, long timeoutMillis) {

    /** Header name of the request id. */
    public static final String REQUEST_ID = "X-Request-Id";

    /** Header name of the W3C trace context. */
    public static final String TRACEPARENT = "traceparent";

    /** Header name of the remaining time budget, in milliseconds (SPEC: Tail latency and overload). */
    public static final String TIMEOUT = "X-Mosaic-Timeout-Ms";

    /** {@link #timeoutMillis()} when no budget is sent. */
    public static final long NO_TIMEOUT = -1;

    /** Nothing to forward. */
    public static final ForwardedHeaders NONE = new ForwardedHeaders(null, null);

    /** The trace and request id, without a time budget. */
    public ForwardedHeaders(RequestTrace trace, String requestId) {
        this(trace, requestId, NO_TIMEOUT);
    }

    /** The same headers with {@code millis} as the attempt's time budget. */
    public ForwardedHeaders withTimeout(long millis) {
        return new ForwardedHeaders(trace, requestId, millis);
    }

    /** A new attempt at {@code uri} in the request's trace (nothing to send without one). */
    public AttemptSpan attempt(URI uri) {
        return trace == null ? AttemptSpan.NONE : trace.attempt(uri);
    }

    /** Adds the present headers, with {@code attempt}'s {@code traceparent}, to an outgoing request. */
    public void applyTo(HttpHeaders headers, AttemptSpan attempt) {
        if (attempt.traceparent() != null) {
            headers.set(TRACEPARENT, attempt.traceparent());
        }
        if (requestId != null) {
            headers.set(REQUEST_ID, requestId);
        }
        if (timeoutMillis >= 0) {
            headers.set(TIMEOUT, Long.toString(timeoutMillis));
        }
    }
}

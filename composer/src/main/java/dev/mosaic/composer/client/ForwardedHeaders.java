package dev.mosaic.composer.client;

import org.springframework.http.HttpHeaders;

/**
 * Request headers passed on to the backends: W3C {@code traceparent} and {@code X-Request-Id}, when
 * the incoming request had them, and {@code X-Mosaic-Timeout-Ms}, the time the composer will wait for
 * this attempt, so a backend can give up on work nobody will read.
 *
 * @param traceparent the incoming W3C trace context, or null
 * @param requestId the incoming request id, or null
 * @param timeoutMillis milliseconds the composer waits for this attempt, or {@link #NO_TIMEOUT}
 */
public record ForwardedHeaders(String traceparent, String requestId, long timeoutMillis) {

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

    /** The trace context and request id, without a time budget. */
    public ForwardedHeaders(String traceparent, String requestId) {
        this(traceparent, requestId, NO_TIMEOUT);
    }

    /** The same headers with {@code millis} as the attempt's time budget. */
    public ForwardedHeaders withTimeout(long millis) {
        return new ForwardedHeaders(traceparent, requestId, millis);
    }

    /** Adds the present headers to an outgoing request. */
    public void applyTo(HttpHeaders headers) {
        if (traceparent != null) {
            headers.set(TRACEPARENT, traceparent);
        }
        if (requestId != null) {
            headers.set(REQUEST_ID, requestId);
        }
        if (timeoutMillis >= 0) {
            headers.set(TIMEOUT, Long.toString(timeoutMillis));
        }
    }
}

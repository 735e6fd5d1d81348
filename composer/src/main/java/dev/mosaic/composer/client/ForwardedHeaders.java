package dev.mosaic.composer.client;

import org.springframework.http.HttpHeaders;

/**
 * Request headers passed on to the backends: W3C {@code traceparent} and {@code X-Request-Id}, when
 * the incoming request had them.
 *
 * @param traceparent the incoming W3C trace context, or null
 * @param requestId the incoming request id, or null
 */
public record ForwardedHeaders(String traceparent, String requestId) {

    /** Header name of the request id. */
    public static final String REQUEST_ID = "X-Request-Id";

    /** Header name of the W3C trace context. */
    public static final String TRACEPARENT = "traceparent";

    /** Nothing to forward. */
    public static final ForwardedHeaders NONE = new ForwardedHeaders(null, null);

    /** Adds the present headers to an outgoing request. */
    public void applyTo(HttpHeaders headers) {
        if (traceparent != null) {
            headers.set(TRACEPARENT, traceparent);
        }
        if (requestId != null) {
            headers.set(REQUEST_ID, requestId);
        }
    }
}

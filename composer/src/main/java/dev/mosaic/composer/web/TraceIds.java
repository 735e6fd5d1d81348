package dev.mosaic.composer.web;

import dev.mosaic.composer.tracing.RequestTrace;
import dev.mosaic.composer.tracing.TraceParent;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request's trace id: the one its {@link RequestTrace} carries (the caller's, from a valid incoming
 * W3C {@code traceparent}, or the new trace the backends see); for a request that reached no tracing
 * (none is expected), the caller's or a fresh random id, so that {@code X-Trace-Id} and problem bodies
 * always carry an id.
 */
public final class TraceIds {

    private TraceIds() {
    }

    /** The trace id of the request being handled in {@code exchange}. */
    public static String of(ServerWebExchange exchange) {
        RequestTrace trace = trace(exchange);
        return trace != null ? trace.traceId()
                : fromTraceparent(exchange.getRequest().getHeaders().getFirst(TraceParent.HEADER));
    }

    /** The request's trace, or null when none was started for it. */
    public static RequestTrace trace(ServerWebExchange exchange) {
        return exchange.getAttribute(RequestTrace.ATTRIBUTE);
    }

    /** The trace id of {@code traceparent} ({@code 00-<32 hex>-<16 hex>-<2 hex>}), or a new one. */
    public static String fromTraceparent(String traceparent) {
        return TraceParent.isValid(traceparent) ? TraceParent.traceId(traceparent) : TraceParent.newTraceId();
    }
}

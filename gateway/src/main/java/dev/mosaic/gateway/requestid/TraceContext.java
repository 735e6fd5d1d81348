package dev.mosaic.gateway.requestid;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace of one exchange, as everything else sees it: {@link #of(ServerWebExchange)} →
 * {@link #traceId()} (logs, {@code X-Trace-Id}, problem {@code traceId}).
 *
 * <p>Normally the trace is Micrometer Tracing's: the server span of the {@code http.server.requests}
 * observation, which continues a valid incoming {@code traceparent} or starts a trace, sampled or not
 * (an unsampled span still has a valid trace id); Spring Cloud Gateway's client observation sends its
 * {@code traceparent} downstream. Only when propagation is switched off
 * ({@code management.tracing.export.enabled=false}: the tracer then starts unrelated local traces and
 * sends nothing downstream) does this class continue the caller's trace or start one itself
 * ({@link #from(String)}), with a {@code traceparent} that the request-id filter sends downstream.
 *
 * @param traceId     32 lowercase hex digits
 * @param traceparent the header value to send downstream, or {@code null} when the tracer sends it
 */
public record TraceContext(String traceId, String traceparent) {

    /** Exchange attribute holding the current {@code TraceContext}. */
    public static final String ATTRIBUTE = TraceContext.class.getName();

    public static final String TRACEPARENT = "traceparent";

    // version 00, non-zero trace and span ids, two-digit flags (W3C Trace Context, level 1)
    private static final Pattern VALID = Pattern.compile("^00-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$");

    /**
     * The trace id of the exchange's server span, or {@code null} when there is none (tracing off,
     * or the request was not observed).
     */
    static TraceContext fromTracer(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .map(Span::context)
                .map(span -> span.traceId())
                .filter(traceId -> traceId.length() == 32 && !traceId.equals("0".repeat(32)))
                .map(traceId -> new TraceContext(traceId, null))
                .orElse(null);
    }

    /** Continues {@code traceparent} if it is valid, otherwise starts a new sampled trace. */
    public static TraceContext from(String traceparent) {
        if (traceparent != null) {
            var matcher = VALID.matcher(traceparent);
            if (matcher.matches()) {
                return new TraceContext(matcher.group(1), traceparent);
            }
        }
        String traceId = randomHex(2);
        return new TraceContext(traceId, "00-" + traceId + "-" + randomHex(1) + "-01");
    }

    /** The exchange's context: the tracer's, else the hand-made one (never null). */
    public static TraceContext of(ServerWebExchange exchange) {
        return settle(exchange, true);
    }

    /**
     * Settles the exchange's context once: the tracer's when {@code tracerPropagates} and there is a
     * server span, else the caller's {@code traceparent} continued by hand (or a new trace).
     */
    static TraceContext settle(ServerWebExchange exchange, boolean tracerPropagates) {
        TraceContext context = exchange.getAttribute(ATTRIBUTE);
        if (context != null) {
            return context;
        }
        context = tracerPropagates ? fromTracer(exchange) : null;
        if (context == null) {
            context = from(exchange.getRequest().getHeaders().getFirst(TRACEPARENT));
        }
        exchange.getAttributes().put(ATTRIBUTE, context);
        return context;
    }

    /**
     * Random hex of {@code longs} 64-bit words. Trace and request ids need uniqueness, not secrecy:
     * {@link ThreadLocalRandom} never blocks, unlike {@code UUID.randomUUID()}'s SecureRandom.
     */
    static String randomHex(int longs) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder hex = new StringBuilder(longs * 16);
        for (int i = 0; i < longs; i++) {
            long value;
            do {
                value = random.nextLong();
            } while (value == 0);
            String part = Long.toHexString(value);
            hex.append("0".repeat(16 - part.length())).append(part);
        }
        return hex.toString();
    }
}

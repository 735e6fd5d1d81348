package dev.mosaic.gateway.requestid;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.micrometer.tracing.Span;
import org.springframework.web.server.ServerWebExchange;

/**
 * The trace of one exchange, as everything else sees it: {@link #of(ServerWebExchange)} →
 * {@link #traceId()} (logs, {@code X-Trace-Id}, problem {@code traceId}), {@link #spanId()} (logs)
 * and the {@code traceparent} the request-id filter sends downstream.
 *
 * <p>Made once per exchange by {@link EdgeTracing} (the gateway traces requests itself, without an
 * {@code Observation} per request): a valid incoming {@code traceparent} is continued with its
 * sampling decision, anything else starts a trace sampled with the configured probability; the
 * upstream gets the same trace with the gateway's span id. Only a sampled request has a recorded
 * server {@link #span()}. With propagation off ({@code management.tracing.export.enabled=false}) the
 * caller's {@code traceparent} goes on unchanged, or a new sampled one when none came ({@link #from}).
 *
 * @param traceId     32 lowercase hex digits
 * @param spanId      the gateway's span id, 16 lowercase hex digits (the caller's with propagation off)
 * @param traceparent the header value to send downstream
 * @param span        the recorded server span of a sampled request, or null
 */
public record TraceContext(String traceId, String spanId, String traceparent, Span span) {

    /** Exchange attribute holding the current {@code TraceContext}. */
    public static final String ATTRIBUTE = TraceContext.class.getName();

    public static final String TRACEPARENT = "traceparent";

    // version 00, non-zero trace and span ids, two-digit flags (W3C Trace Context, level 1)
    private static final Pattern VALID = Pattern.compile("^00-(?!0{32})([0-9a-f]{32})-(?!0{16})([0-9a-f]{16})-([0-9a-f]{2})$");

    /** Continues {@code traceparent} unchanged if it is valid, otherwise starts a new sampled trace. */
    public static TraceContext from(String traceparent) {
        String[] parts = parse(traceparent);
        if (parts != null) {
            return new TraceContext(parts[0], parts[1], traceparent, null);
        }
        String traceId = randomHex(2);
        String spanId = randomHex(1);
        return new TraceContext(traceId, spanId, format(traceId, spanId, true), null);
    }

    /**
     * The parts of a valid {@code traceparent}: trace id, parent span id and whether it is sampled,
     * or null for anything else.
     */
    static String[] parse(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        var matcher = VALID.matcher(traceparent);
        if (!matcher.matches()) {
            return null;
        }
        boolean sampled = (Character.digit(matcher.group(3).charAt(1), 16) & 1) == 1;
        return new String[] { matcher.group(1), matcher.group(2), sampled ? "1" : "0" };
    }

    static String format(String traceId, String spanId, boolean sampled) {
        return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }

    /** The exchange's context (a pass-through one made from the request if no filter made it). */
    public static TraceContext of(ServerWebExchange exchange) {
        TraceContext context = exchange.getAttribute(ATTRIBUTE);
        if (context == null) {
            context = from(exchange.getRequest().getHeaders().getFirst(TRACEPARENT));
            exchange.getAttributes().put(ATTRIBUTE, context);
        }
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

package dev.mosaic.gateway.requestid;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/**
 * The W3C trace context of one exchange: the incoming {@code traceparent} when it is valid, else a
 * freshly started trace.
 *
 * <p>Kept in one small type so that Micrometer Tracing can replace it without touching callers:
 * everything else asks {@link #of(ServerWebExchange)} for {@link #traceId()}.
 *
 * @param traceId     32 lowercase hex digits
 * @param traceparent the header value to send downstream
 */
public record TraceContext(String traceId, String traceparent) {

    /** Exchange attribute holding the current {@code TraceContext}. */
    public static final String ATTRIBUTE = TraceContext.class.getName();

    public static final String TRACEPARENT = "traceparent";

    // version 00, non-zero trace and span ids, two-digit flags (W3C Trace Context, level 1)
    private static final Pattern VALID = Pattern.compile("^00-(?!0{32})([0-9a-f]{32})-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$");

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

    /** The exchange's context, or a new one for exchanges that bypassed the filter (never null). */
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

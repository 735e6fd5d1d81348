package dev.mosaic.composer.web;

import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request's trace id: the caller's, from a valid incoming W3C {@code traceparent} (which the server
 * span continues, sampled or not); else the new trace Micrometer Tracing started for the request (the
 * one the backends see); else, with no tracer at work, a fresh random id, so that {@code X-Trace-Id}
 * and problem bodies always carry an id. With propagation off
 * ({@code management.tracing.export.enabled=false}) the tracer starts unrelated local traces; the
 * caller's id is still the one reported, and the caller's {@code traceparent} goes on to the backends.
 */
public final class TraceIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int TRACEPARENT_LENGTH = 55;
    private static final String TRACEPARENT = "traceparent";

    private TraceIds() {
    }

    /** The trace id of the request being handled in {@code exchange}. */
    public static String of(ServerWebExchange exchange) {
        String traceparent = exchange.getRequest().getHeaders().getFirst(TRACEPARENT);
        if (isValidTraceparent(traceparent)) {
            return traceparent.substring(3, 35);
        }
        String traced = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingContext>get(TracingContext.class))
                .map(TracingContext::getSpan)
                .map(TraceIds::traceId)
                .orElse(null);
        return traced != null ? traced : generate();
    }

    private static String traceId(Span span) {
        String id = span.context().traceId();
        // the no-op tracer's spans have an empty id
        return id == null || id.isEmpty() ? null : id;
    }

    /** The trace id of {@code traceparent} ({@code 00-<32 hex>-<16 hex>-<2 hex>}), or a new one. */
    public static String fromTraceparent(String traceparent) {
        return isValidTraceparent(traceparent) ? traceparent.substring(3, 35) : generate();
    }

    /** Whether a {@code traceparent} value is well formed with non-zero ids. */
    public static boolean isValidTraceparent(String value) {
        if (value == null || value.length() < TRACEPARENT_LENGTH || value.charAt(2) != '-'
                || value.charAt(35) != '-' || value.charAt(52) != '-'
                || (value.length() > TRACEPARENT_LENGTH && value.charAt(TRACEPARENT_LENGTH) != '-')) {
            return false;
        }
        return isHex(value, 0, 2) && !value.startsWith("ff") && isNonZeroHex(value, 3, 35)
                && isNonZeroHex(value, 36, 52) && isHex(value, 53, 55);
    }

    /** A new random 128-bit trace id as 32 lower-case hex digits. */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        if (high == 0 && low == 0) {
            low = 1;
        }
        for (int i = 0; i < 16; i++) {
            id[15 - i] = HEX[(int) (high >>> (i * 4)) & 0xf];
            id[31 - i] = HEX[(int) (low >>> (i * 4)) & 0xf];
        }
        return new String(id);
    }

    private static boolean isNonZeroHex(String s, int from, int to) {
        boolean nonZero = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isHexChar(c)) {
                return false;
            }
            nonZero |= c != '0';
        }
        return nonZero;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isHexChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }
}

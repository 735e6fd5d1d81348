package dev.mosaic.stubs.web;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/**
 * The trace id a control-plane problem carries ({@code traceId}, as every Mosaic problem does): the
 * caller's, from a valid W3C {@code traceparent}; else a new random 128-bit id, the same for every
 * problem of one exchange. The stubs run no tracer of their own.
 */
final class TraceIds {

    private static final String ATTRIBUTE = TraceIds.class.getName();
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}(-.*)?");
    private static final String ZERO = "0".repeat(32);

    private TraceIds() {
    }

    static String of(ServerWebExchange exchange) {
        return exchange.getAttributes().computeIfAbsent(ATTRIBUTE, key -> fromHeader(
                exchange.getRequest().getHeaders().getFirst("traceparent"))).toString();
    }

    private static String fromHeader(String traceparent) {
        if (traceparent != null && !traceparent.startsWith("ff")) {
            var matcher = TRACEPARENT.matcher(traceparent);
            if (matcher.matches() && !matcher.group(1).equals(ZERO)) {
                return matcher.group(1);
            }
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong() | 1);
    }
}

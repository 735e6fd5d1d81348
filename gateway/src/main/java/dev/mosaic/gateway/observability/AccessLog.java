package dev.mosaic.gateway.observability;

import java.util.Map;

import dev.mosaic.gateway.requestid.RequestIdWebFilter;
import dev.mosaic.gateway.requestid.TraceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One access-log line per request at the edge, written by {@link EdgeObservation} once the exchange
 * is over, that is after everything (routing, the proxied call, any error handler and its problem
 * body) has set the status: proxied answers and the gateway's own 401, 404, 429, 503 alike.
 *
 * <pre>
 * method=GET route=users path=/api/users/u-1 status=200 durationMs=3 requestId=9f1c… traceId=4bf9…
 * </pre>
 *
 * Never a query string, header or body: no token can reach this log. The path is the raw (still
 * percent-encoded) one, so it cannot break a line. A client that went away before the answer was
 * complete is logged with status 499. Logger {@value #LOGGER} at INFO; set it to {@code OFF} to
 * drop the line (it then costs one level check). For the line, {@code traceId}, {@code spanId} and
 * {@code requestId} are put into the MDC, so pattern and JSON (structured) logs carry them as fields.
 */
public final class AccessLog {

    public static final String LOGGER = "dev.mosaic.gateway.access";
    static final int CLIENT_CLOSED = 499;
    private static final int MAX_PATH = 256;
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    void write(String method, String route, String path, int status, long durationMs, Map<String, Object> attributes,
            TraceContext trace) {
        if (!log.isInfoEnabled()) {
            return;
        }
        String requestId = attributes.get(RequestIdWebFilter.ATTRIBUTE) instanceof String id ? id : "-";
        String traceId = trace != null ? trace.traceId() : "-";
        String previousTrace = MDC.get("traceId");
        String previousSpan = MDC.get("spanId");
        String previousRequest = MDC.get("requestId");
        try {
            MDC.put("traceId", traceId);
            if (trace != null) {
                MDC.put("spanId", trace.spanId());
            }
            MDC.put("requestId", requestId);
            log.info("method={} route={} path={} status={} durationMs={} requestId={} traceId={}", method, route,
                    path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "..." : path, status, durationMs,
                    requestId, traceId);
        } finally {
            restore("traceId", previousTrace);
            restore("spanId", previousSpan);
            restore("requestId", previousRequest);
        }
    }

    private static void restore(String key, String previous) {
        if (previous != null) {
            MDC.put(key, previous);
        } else {
            MDC.remove(key);
        }
    }
}

package dev.mosaic.gateway.observability;

import java.util.Map;

import dev.mosaic.gateway.requestid.RequestIdWebFilter;
import dev.mosaic.gateway.routing.EdgeRoutes;
import dev.mosaic.gateway.requestid.TraceContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler.TracingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * One access-log line per request at the edge, written when the {@code http.server.requests}
 * observation stops, that is after everything (routing, the proxied call, any error handler and
 * its problem body) has set the status: proxied answers and the gateway's own 401, 404, 429, 503
 * alike.
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
public final class AccessLogObservationHandler implements ObservationHandler<ServerRequestObservationContext> {

    public static final String LOGGER = "dev.mosaic.gateway.access";
    static final int CLIENT_CLOSED = 499;
    private static final int MAX_PATH = 256;
    private static final String START = AccessLogObservationHandler.class.getName() + ".start";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final RouteTag routeTag;

    public AccessLogObservationHandler(EdgeRoutes routes) {
        this.routeTag = new RouteTag(routes);
    }

    @Override
    public void onStart(ServerRequestObservationContext context) {
        if (log.isInfoEnabled()) {
            context.put(START, System.nanoTime());
        }
    }

    @Override
    public void onStop(ServerRequestObservationContext context) {
        Long start = context.get(START);
        if (start == null || !log.isInfoEnabled()) {
            return;
        }
        long durationMs = (System.nanoTime() - start) / 1_000_000;
        Map<String, Object> attributes = context.getAttributes();
        String path = context.getCarrier().getPath().value();
        String requestId = attributes.get(RequestIdWebFilter.ATTRIBUTE) instanceof String id ? id : "-";
        String traceId = attributes.get(TraceContext.ATTRIBUTE) instanceof TraceContext trace ? trace.traceId() : "-";
        Span span = context.get(TracingContext.class) instanceof TracingContext tracing ? tracing.getSpan() : null;
        String spanId = span != null ? span.context().spanId() : null;

        String previousTrace = MDC.get("traceId");
        String previousSpan = MDC.get("spanId");
        String previousRequest = MDC.get("requestId");
        try {
            MDC.put("traceId", traceId);
            if (spanId != null) {
                MDC.put("spanId", spanId);
            }
            MDC.put("requestId", requestId);
            log.info("method={} route={} path={} status={} durationMs={} requestId={} traceId={}",
                    context.getCarrier().getMethod().name(), routeTag.of(attributes, context.getCarrier()),
                    path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "..." : path,
                    status(context), durationMs, requestId, traceId);
        } finally {
            restore("traceId", previousTrace);
            restore("spanId", previousSpan);
            restore("requestId", previousRequest);
        }
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ServerRequestObservationContext;
    }

    private static int status(ServerRequestObservationContext context) {
        if (context.isConnectionAborted()) {
            return CLIENT_CLOSED;
        }
        ServerHttpResponse response = context.getResponse();
        HttpStatusCode status = response != null ? response.getStatusCode() : null;
        return status != null ? status.value() : 200;
    }

    private static void restore(String key, String previous) {
        if (previous != null) {
            MDC.put(key, previous);
        } else {
            MDC.remove(key);
        }
    }
}

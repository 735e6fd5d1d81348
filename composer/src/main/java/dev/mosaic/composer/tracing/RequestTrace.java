package dev.mosaic.composer.tracing;

import java.net.URI;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * The trace context of one request to the composer, made once at the door by {@link RequestTracing}:
 * its trace id (the caller's or a new one, the {@code X-Trace-Id} of the answer), the server span id
 * the logs show, and whether the trace is sampled. Each backend attempt asks it for an
 * {@link AttemptSpan}: its own {@code traceparent} naming a new child span id; only a sampled request
 * records spans (through Micrometer Tracing), so an unsampled one costs two random ids per attempt.
 * With propagation off ({@code management.tracing.export.enabled=false}) the caller's
 * {@code traceparent} goes to the backends as it came.
 */
public final class RequestTrace {

    /** Exchange attribute holding the request's trace. */
    public static final String ATTRIBUTE = RequestTrace.class.getName();

    private final String traceId;
    private final String spanId;
    private final boolean sampled;
    private final Span span;
    private final Tracer tracer;
    private final String passedThrough;
    private final boolean passThrough;

    private RequestTrace(String traceId, String spanId, boolean sampled, Span span, Tracer tracer,
            String passedThrough, boolean passThrough) {
        this.traceId = traceId;
        this.spanId = spanId;
        this.sampled = sampled;
        this.span = span;
        this.tracer = tracer;
        this.passedThrough = passedThrough;
        this.passThrough = passThrough;
    }

    /** A trace whose spans are not recorded: new span ids only, passed on with the sampled flag. */
    static RequestTrace unrecorded(String traceId, boolean sampled) {
        return new RequestTrace(traceId, TraceParent.newSpanId(), sampled, null, null, null, false);
    }

    /** A sampled trace whose server span is {@code span}; attempts become its child spans. */
    static RequestTrace recorded(Tracer tracer, Span span) {
        return new RequestTrace(span.context().traceId(), span.context().spanId(), true, span, tracer, null, false);
    }

    /**
     * Propagation off: the caller's valid {@code traceparent} (or none) goes to every backend unchanged;
     * {@code traceId} is its trace id, or a new one for the answer and the logs.
     */
    static RequestTrace passThrough(String callerTraceparent, String traceId) {
        String spanId = callerTraceparent != null ? TraceParent.spanId(callerTraceparent) : TraceParent.newSpanId();
        return new RequestTrace(traceId, spanId, false, null, null, callerTraceparent, true);
    }

    /** The request's trace id, 32 hex digits. */
    public String traceId() {
        return traceId;
    }

    /** The composer's span id for this request, 16 hex digits (the caller's own with propagation off). */
    public String spanId() {
        return spanId;
    }

    /** Whether the trace is sampled (the caller's decision when it sent one, else the composer's). */
    public boolean sampled() {
        return sampled;
    }

    /** Whether this request records spans. */
    public boolean recorded() {
        return span != null;
    }

    /** A new attempt at {@code uri}: its {@code traceparent}, and a span when the request is recorded. */
    public AttemptSpan attempt(URI uri) {
        if (passThrough) {
            return passedThrough == null ? AttemptSpan.NONE : AttemptSpan.unrecorded(passedThrough);
        }
        if (span == null) {
            return AttemptSpan.unrecorded(TraceParent.format(traceId, TraceParent.newSpanId(), sampled));
        }
        Span child = tracer.spanBuilder()
                .setParent(span.context())
                .kind(Span.Kind.CLIENT)
                .name("GET")
                .remoteServiceName(uri.getHost() + ":" + uri.getPort())
                .tag("http.request.method", "GET")
                .tag("url.full", uri.toString())
                .start();
        return AttemptSpan.recorded(child);
    }

    /**
     * Ends the server span, if any: named after the method and the route that served the request
     * ({@code GET /dashboard/{userId}}), with the answer's status.
     */
    void end(String method, String route, int status, Throwable error, boolean cancelled) {
        if (span == null) {
            return;
        }
        if (route != null) {
            span.name(method + " " + route);
            span.tag("http.route", route);
        }
        if (status > 0) {
            span.tag("http.response.status_code", Integer.toString(status));
        }
        if (error != null) {
            span.error(error);
        }
        if (cancelled) {
            span.event("cancelled");
        }
        span.end();
    }
}

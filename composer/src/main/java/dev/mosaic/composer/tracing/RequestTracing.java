package dev.mosaic.composer.tracing;

import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * Starts each request's {@link RequestTrace}: continues a caller's valid W3C trace (keeping its
 * sampling decision, as OpenTelemetry's parent-based sampler does) or starts a new one, sampled with
 * {@code probability}. Only a sampled request creates spans (a server span, a child per backend
 * attempt); every other one gets its ids from {@link TraceParent} and nothing else, which is why the
 * composer does this itself instead of through an {@code Observation} per request and attempt.
 *
 * <pre>{@code
 * RequestTracing tracing = RequestTracing.propagating(tracer, 0.1);
 * RequestTrace trace = tracing.start("GET", request.getHeaders().getFirst(TraceParent.HEADER));
 * }</pre>
 */
public final class RequestTracing {

    private final Tracer tracer;
    private final double probability;
    private final boolean propagating;

    private RequestTracing(Tracer tracer, double probability, boolean propagating) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("sampling probability must be within [0, 1]: " + probability);
        }
        this.tracer = tracer;
        this.probability = probability;
        this.propagating = propagating;
    }

    /**
     * Traces and propagates: spans for sampled requests through {@code tracer} ({@link Tracer#NOOP}
     * records none), a new {@code traceparent} per backend attempt.
     */
    public static RequestTracing propagating(Tracer tracer, double probability) {
        return new RequestTracing(tracer, probability, true);
    }

    /** Propagation off: no spans; the caller's trace context goes to the backends unchanged. */
    public static RequestTracing passThrough() {
        return new RequestTracing(Tracer.NOOP, 0, false);
    }

    /** The trace of a request that came with {@code traceparent} (null, or any value a caller sent). */
    public RequestTrace start(String method, String traceparent) {
        boolean continued = TraceParent.isValid(traceparent);
        if (!propagating) {
            return continued ? RequestTrace.passThrough(traceparent, TraceParent.traceId(traceparent))
                    : RequestTrace.passThrough(null, TraceParent.newTraceId());
        }
        boolean sampled = continued ? TraceParent.sampled(traceparent) : sample();
        if (sampled && tracer != Tracer.NOOP) {
            Span.Builder builder = tracer.spanBuilder().kind(Span.Kind.SERVER).name(method)
                    .tag("http.request.method", method);
            builder = continued
                    ? builder.setParent(tracer.traceContextBuilder()
                            .traceId(TraceParent.traceId(traceparent))
                            .spanId(TraceParent.spanId(traceparent))
                            .sampled(true)
                            .build())
                    : builder.setNoParent();
            Span span = builder.start();
            if (!span.isNoop() && span.context().traceId() != null && !span.context().traceId().isEmpty()) {
                return RequestTrace.recorded(tracer, span);
            }
        }
        return RequestTrace.unrecorded(continued ? TraceParent.traceId(traceparent) : TraceParent.newTraceId(),
                sampled);
    }

    private boolean sample() {
        return probability >= 1 || (probability > 0 && ThreadLocalRandom.current().nextDouble() < probability);
    }
}

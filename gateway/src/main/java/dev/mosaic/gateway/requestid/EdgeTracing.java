package dev.mosaic.gateway.requestid;

import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * Starts each exchange's {@link TraceContext}. Propagating (the default): a caller's valid
 * {@code traceparent} is continued with its sampling decision (parent-based, as OpenTelemetry's
 * default sampler), otherwise a trace starts, sampled with {@code probability}; only a sampled
 * request gets a recorded server span (Micrometer Tracing), every other one two random ids. With
 * propagation off the caller's context is passed on as it came ({@link TraceContext#from}).
 *
 * <pre>{@code
 * EdgeTracing tracing = EdgeTracing.propagating(tracer, 0.1);
 * TraceContext trace = tracing.start("GET", request.getHeaders().getFirst("traceparent"));
 * }</pre>
 */
public final class EdgeTracing {

    private final Tracer tracer;
    private final double probability;
    private final boolean propagating;

    private EdgeTracing(Tracer tracer, double probability, boolean propagating) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("sampling probability must be within [0, 1]: " + probability);
        }
        this.tracer = tracer;
        this.probability = probability;
        this.propagating = propagating;
    }

    /** Continues or starts traces; spans for sampled requests through {@code tracer} ({@link Tracer#NOOP}: none). */
    public static EdgeTracing propagating(Tracer tracer, double probability) {
        return new EdgeTracing(tracer, probability, true);
    }

    /** Propagation off: the caller's {@code traceparent} unchanged (a new one when none came), no spans. */
    public static EdgeTracing passThrough() {
        return new EdgeTracing(Tracer.NOOP, 0, false);
    }

    /** The trace of a request that came with {@code traceparent} (null, or whatever a caller sent). */
    public TraceContext start(String method, String traceparent) {
        if (!propagating) {
            return TraceContext.from(traceparent);
        }
        String[] parent = TraceContext.parse(traceparent);
        boolean sampled = parent != null ? parent[2].equals("1") : sample();
        if (sampled && tracer != Tracer.NOOP) {
            Span.Builder builder = tracer.spanBuilder().kind(Span.Kind.SERVER).name(method)
                    .tag("http.request.method", method);
            builder = parent != null
                    ? builder.setParent(tracer.traceContextBuilder().traceId(parent[0]).spanId(parent[1])
                            .sampled(true).build())
                    : builder.setNoParent();
            Span span = builder.start();
            String traceId = span.context().traceId();
            if (!span.isNoop() && traceId != null && traceId.length() == 32) {
                String spanId = span.context().spanId();
                return new TraceContext(traceId, spanId, TraceContext.format(traceId, spanId, true), span);
            }
        }
        String traceId = parent != null ? parent[0] : TraceContext.randomHex(2);
        String spanId = TraceContext.randomHex(1);
        return new TraceContext(traceId, spanId, TraceContext.format(traceId, spanId, sampled), null);
    }

    private boolean sample() {
        return probability >= 1 || (probability > 0 && ThreadLocalRandom.current().nextDouble() < probability);
    }
}

package dev.mosaic.composer.tracing;

import io.micrometer.tracing.Span;

/**
 * One backend attempt's place in the trace: the {@code traceparent} it sends and, for a sampled
 * request, the client span that {@link #end ends} with the attempt.
 */
public final class AttemptSpan {

    /** Nothing to send, nothing to record. */
    public static final AttemptSpan NONE = new AttemptSpan(null, null);

    private final String traceparent;
    private final Span span;

    private AttemptSpan(String traceparent, Span span) {
        this.traceparent = traceparent;
        this.span = span;
    }

    static AttemptSpan unrecorded(String traceparent) {
        return new AttemptSpan(traceparent, null);
    }

    static AttemptSpan recorded(Span span) {
        return new AttemptSpan(TraceParent.format(span.context().traceId(), span.context().spanId(), true), span);
    }

    /** The {@code traceparent} to send, or null for none. */
    public String traceparent() {
        return traceparent;
    }

    /** Whether a span is recorded for this attempt (then {@link #end} must be called once). */
    public boolean recorded() {
        return span != null;
    }

    /** Records the backend's status on the span. */
    public void status(int status) {
        if (span != null) {
            span.tag("http.response.status_code", Integer.toString(status));
        }
    }

    /** Ends the span: {@code error} is the attempt's failure or null; a cancelled attempt says so. */
    public void end(Throwable error, boolean cancelled) {
        if (span == null) {
            return;
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

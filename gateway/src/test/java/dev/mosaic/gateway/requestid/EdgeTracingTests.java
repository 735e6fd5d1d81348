package dev.mosaic.gateway.requestid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

/** The sampling decision and the traceparent sent upstream, without a tracer recording spans. */
class EdgeTracingTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Test
    void continuesTheCallersTraceWithTheGatewaysSpanIdAndKeepsItsDecision() {
        TraceContext sampled = EdgeTracing.propagating(Tracer.NOOP, 0.0)
                .start("GET", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");
        assertThat(sampled.traceId()).isEqualTo(TRACE_ID);
        assertThat(sampled.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(CALLER_SPAN);
        assertThat(sampled.traceparent()).isEqualTo("00-" + TRACE_ID + "-" + sampled.spanId() + "-01");

        TraceContext unsampled = EdgeTracing.propagating(Tracer.NOOP, 1.0)
                .start("GET", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-00");
        assertThat(unsampled.traceparent()).as("the caller's decision, whatever our probability")
                .isEqualTo("00-" + TRACE_ID + "-" + unsampled.spanId() + "-00");
        assertThat(unsampled.span()).isNull();
    }

    @Test
    void startsATraceSampledWithTheProbabilityWhenNoValidOneCame() {
        TraceContext never = EdgeTracing.propagating(Tracer.NOOP, 0.0).start("GET", "00-not-a-trace-01");
        assertThat(never.traceId()).matches("[0-9a-f]{32}");
        assertThat(never.traceparent()).isEqualTo("00-" + never.traceId() + "-" + never.spanId() + "-00");
        assertThat(EdgeTracing.propagating(Tracer.NOOP, 1.0).start("GET", null).traceparent()).endsWith("-01");

        EdgeTracing tenth = EdgeTracing.propagating(Tracer.NOOP, 0.1);
        int sampled = 0;
        for (int i = 0; i < 10_000; i++) {
            sampled += tenth.start("GET", null).traceparent().endsWith("-01") ? 1 : 0;
        }
        assertThat(sampled).as("about one in ten of 10,000").isBetween(800, 1200);
    }

    @Test
    void passesTheCallersTraceparentOnUnchangedWhenPropagationIsOff() {
        String incoming = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-00";
        assertThat(EdgeTracing.passThrough().start("GET", incoming).traceparent()).isEqualTo(incoming);
    }

    @Test
    void refusesAProbabilityOutsideZeroToOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> EdgeTracing.propagating(Tracer.NOOP, -0.1))
                .withMessageContaining("[0, 1]");
    }
}

package dev.mosaic.composer.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

/**
 * The sampling decision and the traceparent each attempt sends, without a tracer recording spans
 * ({@link SampledTracingTests} covers the recorded ones through the real composer).
 */
class RequestTracingTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SAMPLED = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final String UNSAMPLED = "00-" + TRACE_ID + "-00f067aa0ba902b7-00";
    private static final URI USERS = URI.create("http://127.0.0.1:9001/users/u-1");

    @Test
    void continuesTheCallersTraceWithANewSpanIdPerAttemptAndKeepsItsDecision() {
        RequestTracing tracing = RequestTracing.propagating(Tracer.NOOP, 0.0);

        RequestTrace sampled = tracing.start("GET", SAMPLED);
        assertThat(sampled.traceId()).isEqualTo(TRACE_ID);
        assertThat(sampled.sampled()).as("the caller sampled it, whatever our probability").isTrue();
        String first = sampled.attempt(USERS).traceparent();
        String second = sampled.attempt(USERS).traceparent();
        assertThat(first).startsWith("00-" + TRACE_ID + "-").endsWith("-01").isNotEqualTo(second);
        assertThat(TraceParent.spanId(first)).isNotEqualTo("00f067aa0ba902b7");

        RequestTrace unsampled = RequestTracing.propagating(Tracer.NOOP, 1.0).start("GET", UNSAMPLED);
        assertThat(unsampled.sampled()).as("the caller did not sample it, whatever our probability").isFalse();
        assertThat(unsampled.attempt(USERS).traceparent()).startsWith("00-" + TRACE_ID + "-").endsWith("-00");
    }

    @Test
    void startsATraceForAMissingOrInvalidTraceparentSampledWithTheProbability() {
        RequestTrace never = RequestTracing.propagating(Tracer.NOOP, 0.0).start("GET", "00-not-a-trace-01");
        assertThat(never.traceId()).matches("[0-9a-f]{32}");
        assertThat(never.sampled()).isFalse();
        assertThat(TraceParent.traceId(never.attempt(USERS).traceparent())).isEqualTo(never.traceId());

        assertThat(RequestTracing.propagating(Tracer.NOOP, 1.0).start("GET", null).sampled()).isTrue();

        RequestTracing tenth = RequestTracing.propagating(Tracer.NOOP, 0.1);
        int sampled = 0;
        for (int i = 0; i < 10_000; i++) {
            sampled += tenth.start("GET", null).sampled() ? 1 : 0;
        }
        assertThat(sampled).as("about one in ten of 10,000").isBetween(800, 1200);
    }

    @Test
    void recordsNoSpanWithoutATracer() {
        RequestTrace trace = RequestTracing.propagating(Tracer.NOOP, 1.0).start("GET", SAMPLED);
        assertThat(trace.recorded()).isFalse();
        assertThat(trace.attempt(USERS).recorded()).isFalse();
        assertThat(trace.spanId()).matches("[0-9a-f]{16}").isNotEqualTo("00f067aa0ba902b7");
    }

    @Test
    void passesTheCallersContextThroughUnchangedWhenPropagationIsOff() {
        RequestTracing off = RequestTracing.passThrough();

        RequestTrace continued = off.start("GET", SAMPLED);
        assertThat(continued.traceId()).isEqualTo(TRACE_ID);
        assertThat(continued.attempt(USERS).traceparent()).isEqualTo(SAMPLED);

        RequestTrace fresh = off.start("GET", "garbage");
        assertThat(fresh.traceId()).matches("[0-9a-f]{32}");
        assertThat(fresh.attempt(USERS).traceparent()).as("nothing invented for the backends").isNull();
        assertThat(fresh.spanId()).matches("[0-9a-f]{16}");
    }

    @Test
    void refusesAProbabilityOutsideZeroToOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> RequestTracing.propagating(Tracer.NOOP, 1.5))
                .withMessageContaining("[0, 1]");
        assertThatIllegalArgumentException().isThrownBy(() -> RequestTracing.propagating(Tracer.NOOP, Double.NaN));
    }
}

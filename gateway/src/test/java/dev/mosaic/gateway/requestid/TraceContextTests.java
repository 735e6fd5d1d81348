package dev.mosaic.gateway.requestid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTests {

    @Test
    void validTraceparentIsContinuedUnchanged() {
        String incoming = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        TraceContext context = TraceContext.from(incoming);

        assertThat(context.traceparent()).isEqualTo(incoming);
        assertThat(context.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"})
    void invalidOrMissingTraceparentStartsANewSampledTrace(String incoming) {
        TraceContext context = TraceContext.from(incoming);

        assertThat(context.traceId()).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        assertThat(context.traceparent()).matches("00-" + context.traceId() + "-[0-9a-f]{16}-01");
    }

    @Test
    void newTracesDoNotRepeat() {
        assertThat(TraceContext.from(null).traceId()).isNotEqualTo(TraceContext.from(null).traceId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "req-1.2_3", "ABCdef0123456789ABCdef0123456789ABCdef0123456789ABCdef0123456789"})
    void safeRequestIdsAreAccepted(String id) {
        assertThat(RequestIdWebFilter.accept(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "has space", "new\nline", "<script>", "ÄÖÜ",
            "ABCdef0123456789ABCdef0123456789ABCdef0123456789ABCdef0123456789X"})
    void unsafeRequestIdsAreReplaced(String id) {
        assertThat(RequestIdWebFilter.accept(id)).isNotEqualTo(id).matches("[0-9a-f]{32}");
    }
}

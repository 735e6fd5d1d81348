package dev.mosaic.composer.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import dev.mosaic.composer.web.TraceIds;
import org.junit.jupiter.api.Test;

class TraceParentTests {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void readsTheIdsAndTheSampledFlagOfAValidTraceparent() {
        assertThat(TraceParent.isValid(VALID)).isTrue();
        assertThat(TraceParent.traceId(VALID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceParent.spanId(VALID)).isEqualTo("00f067aa0ba902b7");
        assertThat(TraceParent.sampled(VALID)).isTrue();
        assertThat(TraceParent.sampled("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")).isFalse();
        assertThat(TraceParent.sampled("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03")).isTrue();
    }

    @Test
    void rejectsMalformedValuesAndZeroIds() {
        assertThat(TraceParent.isValid(null)).isFalse();
        assertThat(TraceParent.isValid("garbage")).isFalse();
        assertThat(TraceParent.isValid("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isFalse();
        assertThat(TraceParent.isValid("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isFalse();
        assertThat(TraceParent.isValid("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isFalse();
        assertThat(TraceParent.isValid("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isFalse();
        assertThat(TraceParent.isValid(VALID + "x")).isFalse();
        assertThat(TraceParent.isValid(VALID + "-future")).isTrue();
    }

    @Test
    void formatsWhatItParses() {
        String formatted = TraceParent.format(TraceParent.newTraceId(), TraceParent.newSpanId(), true);
        assertThat(TraceParent.isValid(formatted)).isTrue();
        assertThat(TraceParent.sampled(formatted)).isTrue();
        assertThat(TraceParent.sampled(TraceParent.format("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                false))).isFalse();
    }

    @Test
    void generatesDistinctWellFormedIds() {
        Set<String> traces = new HashSet<>();
        Set<String> spans = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            traces.add(TraceParent.newTraceId());
            spans.add(TraceParent.newSpanId());
        }
        assertThat(traces).hasSize(1000).allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(spans).hasSize(1000).allMatch(id -> id.matches("[0-9a-f]{16}"));
    }

    @Test
    void traceIdsTakeTheCallersOrGenerateOne() {
        assertThat(TraceIds.fromTraceparent(VALID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceIds.fromTraceparent(null)).matches("[0-9a-f]{32}");
        assertThat(TraceIds.fromTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .matches("[0-9a-f]{32}").isNotEqualTo("00000000000000000000000000000000");
    }
}

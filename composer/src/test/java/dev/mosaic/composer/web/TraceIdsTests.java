package dev.mosaic.composer.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceIdsTests {

    @Test
    void takesTheTraceIdOfAValidTraceparent() {
        assertThat(TraceIds.fromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void generatesAnIdForMissingOrInvalidTraceparents() {
        assertThat(TraceIds.fromTraceparent(null)).matches("[0-9a-f]{32}");
        assertThat(TraceIds.fromTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isNotEqualTo("00000000000000000000000000000000").matches("[0-9a-f]{32}");
        assertThat(TraceIds.isValidTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isFalse();
        assertThat(TraceIds.isValidTraceparent("garbage")).isFalse();
    }

    @Test
    void generatesDistinctIds() {
        assertThat(TraceIds.generate()).isNotEqualTo(TraceIds.generate());
    }
}

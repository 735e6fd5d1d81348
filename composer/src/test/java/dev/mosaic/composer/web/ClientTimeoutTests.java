package dev.mosaic.composer.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClientTimeoutTests {

    @Test
    void readsWholeMilliseconds() {
        assertThat(ClientTimeout.parse("250")).isEqualTo(Duration.ofMillis(250));
        assertThat(ClientTimeout.parse(" 1 ")).isEqualTo(Duration.ofMillis(1));
        assertThat(ClientTimeout.parse("3600000")).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "0", "-5", "+5", "1.5", "250ms", "3600001", "99999999999999999999", "1e3",
            "٣" })
    void refusesAnythingElse(String value) {
        assertThat(ClientTimeout.parse(value)).isNull();
    }
}

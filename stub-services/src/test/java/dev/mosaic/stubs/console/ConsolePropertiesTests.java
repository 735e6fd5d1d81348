package dev.mosaic.stubs.console;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ConsolePropertiesTests {

    private static final URI COMPOSER = URI.create(ConsoleProperties.DEFAULT_COMPOSER);
    private static final URI GATEWAY = URI.create(ConsoleProperties.DEFAULT_GATEWAY);

    private static ConsoleProperties with(URI composer, Duration interval, Duration timeout) {
        return new ConsoleProperties(composer, GATEWAY, interval, timeout, Duration.ofMinutes(3), Duration.ofSeconds(30));
    }

    @Test
    void theDefaultsKeepThreeMinutesOfOneFramePerSecond() {
        assertThat(with(COMPOSER, Duration.ofSeconds(1), Duration.ofMillis(800)).historyFrames()).isEqualTo(180);
    }

    @Test
    void aRefreshSlowerThanTwoSecondsIsRefusedNamingTheProperty() {
        assertThatIllegalArgumentException().isThrownBy(() -> with(COMPOSER, Duration.ofSeconds(5), Duration.ofMillis(800)))
                .withMessage("mosaic.stubs.console.interval must be between 100ms and 2s, was PT5S");
    }

    @Test
    void aTimeoutLongerThanTheIntervalIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> with(COMPOSER, Duration.ofSeconds(1), Duration.ofSeconds(3)))
                .withMessageStartingWith("mosaic.stubs.console.timeout must be positive and at most the interval");
    }

    @Test
    void aManagementUrlWithoutHttpAndHostIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> with(URI.create("localhost:8091"), Duration.ofSeconds(1), Duration.ofMillis(800)))
                .withMessageStartingWith("mosaic.stubs.console.composer-management-url must be an http(s) URL with a host");
    }
}

package dev.mosaic.loadtest.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RunSettingsTests {

    @Test
    void defaultsTargetTheStackOnItsDefaultPorts() {
        RunSettings s = RunSettings.from(Map.of());

        assertThat(s.experiment()).isEqualTo("baseline");
        assertThat(s.rate()).isEqualTo(RunSettings.DEFAULT_RATE);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.gatewayUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(s.controlUrl()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(s.composerManagementUrl()).isEqualTo(URI.create("http://127.0.0.1:8091"));
        assertThat(s.gatewayManagementUrl()).isEqualTo(URI.create("http://127.0.0.1:8090"));
        assertThat(s.probeInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.reportDir()).isEqualTo(Path.of("target/reports/baseline"));
    }

    @Test
    void smokeRunsAreShortAndSlowUnlessToldOtherwise() {
        RunSettings smoke = RunSettings.from(Map.of("mosaic.loadtest.smoke", "true"));
        RunSettings faster = RunSettings.from(Map.of("mosaic.loadtest.smoke", "true", "mosaic.loadtest.rate", "12"));

        assertThat(smoke.rate()).isEqualTo(RunSettings.SMOKE_RATE);
        assertThat(smoke.duration()).isEqualTo(RunSettings.SMOKE_DURATION);
        assertThat(faster.rate()).isEqualTo(12);
    }

    @Test
    void everyUrlCanBeRepointedAndLosesATrailingSlash() {
        RunSettings s = RunSettings.from(Map.of(
                "mosaic.loadtest.gateway-url", "http://127.0.0.1:28080/",
                "mosaic.loadtest.control-url", "http://127.0.0.1:29000",
                "mosaic.loadtest.composer-management-url", "http://127.0.0.1:28091",
                "mosaic.loadtest.gateway-management-url", "http://127.0.0.1:28090"));

        assertThat(s.gatewayUrl()).hasToString("http://127.0.0.1:28080");
        assertThat(s.controlUrl()).hasToString("http://127.0.0.1:29000");
        assertThat(s.composerManagementUrl()).hasToString("http://127.0.0.1:28091");
        assertThat(s.gatewayManagementUrl()).hasToString("http://127.0.0.1:28090");
    }

    @Test
    void parsesDurationsInTheUnitsPeopleType() {
        assertThat(RunSettings.duration("d", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(RunSettings.duration("d", "45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(RunSettings.duration("d", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(RunSettings.duration("d", "90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RunSettings.duration("d", "1.5m")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void rejectsBadValuesNamingTheSetting() {
        assertThatThrownBy(() -> RunSettings.from(Map.of("mosaic.loadtest.duration", "soon")))
                .hasMessageContaining("duration").hasMessageContaining("soon");
        assertThatThrownBy(() -> RunSettings.from(Map.of("mosaic.loadtest.rate", "fast")))
                .hasMessageContaining("rate").hasMessageContaining("fast");
        assertThatThrownBy(() -> RunSettings.from(Map.of("mosaic.loadtest.rate", "0")))
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> RunSettings.from(Map.of("mosaic.loadtest.gateway-url", "localhost:8080")))
                .hasMessageContaining("gateway-url");
    }

    @Test
    void refusesRunsTooShortToShowAFaultAndARecovery() {
        assertThatThrownBy(() -> RunSettings.from(Map.of("mosaic.loadtest.duration", "5s")))
                .hasMessageContaining("at least 10 s");
    }
}

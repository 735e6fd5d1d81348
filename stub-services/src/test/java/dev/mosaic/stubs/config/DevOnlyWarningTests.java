package dev.mosaic.stubs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import dev.mosaic.stubs.identity.DevIdentityProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The SPEC: the dev identity provider says in its logs, at start, that it is for development only. */
@ExtendWith(OutputCaptureExtension.class)
class DevOnlyWarningTests {

    @Test
    void creatingTheIdentityProviderLogsADevelopmentOnlyWarning(CapturedOutput output) {
        StubProperties properties = new StubProperties("127.0.0.1", 0, 0, 0, 0, 200, 64, false, 1000,
                Duration.ofSeconds(30), URI.create(StubProperties.DEFAULT_ISSUER), Duration.ofMinutes(10),
                new StubProperties.Chaos(null, 256), 1, 10);

        DevIdentityProvider provider = new StubServicesConfiguration().devIdentityProvider(properties, Clock.systemUTC());

        assertThat(output.getOut().lines().filter(line -> line.contains("WARN")
                && line.contains("DEVELOPMENT-ONLY identity provider") && line.contains(provider.keyId())
                && line.contains("never expose this port"))).hasSize(1);
    }
}

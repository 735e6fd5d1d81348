package dev.mosaic.gateway.security;

import java.net.URI;

import dev.mosaic.gateway.GatewayApplication;
import dev.mosaic.gateway.web.CorsProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * There is no default identity provider: started bare, the gateway refuses to start and says what
 * to set; the {@code dev} profile (which {@code ./mosaic up} sets) trusts the development identity
 * provider and allows the usual local SPA dev origins.
 */
class IdentityProviderStartupTests {

    @Test
    void startedBareTheGatewayRefusesToStartNamingWhatToSet() {
        Throwable failure = catchThrowable(() -> start());

        assertThat(failure).hasRootCauseInstanceOf(IdentityProviderNotConfiguredException.class);
        FailureAnalysis analysis = new IdentityProviderNotConfiguredFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("one start-up message from the failure analyzer").isNotNull();
        assertThat(analysis.getDescription())
                .contains("mosaic.gateway.security.jwk-set-uri and mosaic.gateway.security.issuer are not set")
                .contains("MOSAIC_GATEWAY_SECURITY_JWK_SET_URI", "--spring.profiles.active=dev");
    }

    @Test
    void anIssuerWithoutAJwkSetUriIsRefusedToo() {
        Throwable failure = catchThrowable(() -> start("--mosaic.gateway.security.issuer=https://idp.example"));

        assertThat(failure).rootCause().isInstanceOf(IdentityProviderNotConfiguredException.class)
                .hasMessageContaining("mosaic.gateway.security.jwk-set-uri is not set");
    }

    @Test
    void theDevProfileTrustsTheDevelopmentIdentityProviderAndTheLocalSpaOrigins() {
        try (ConfigurableApplicationContext context = start("--spring.profiles.active=dev")) {
            JwtProperties security = context.getBean(JwtProperties.class);
            assertThat(security.jwkSetUri()).isEqualTo(URI.create("http://127.0.0.1:9000/.well-known/jwks.json"));
            assertThat(security.issuer()).isEqualTo("http://localhost:9000");
            assertThat(security.audience()).as("the dev identity provider's aud").isEqualTo("mosaic");
            assertThat(context.getBean(CorsProperties.class).allowedOrigins())
                    .containsExactly("http://localhost:5173", "http://localhost:3000", "http://localhost:4200");
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--server.port=0";
        all[1] = "--management.server.port=0";
        all[2] = "--mosaic.gateway.rate-limit.store=memory";
        System.arraycopy(args, 0, all, 3, args.length);
        return new SpringApplicationBuilder(GatewayApplication.class).run(all);
    }
}

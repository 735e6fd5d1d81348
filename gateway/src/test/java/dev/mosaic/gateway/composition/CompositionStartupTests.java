package dev.mosaic.gateway.composition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mosaic.compositions.InvalidCompositionException;
import dev.mosaic.gateway.GatewayApplication;
import dev.mosaic.gateway.support.TestTokens;
import dev.mosaic.gateway.support.Upstreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A composition file the gateway cannot serve stops it at start, naming the file, the field and the reason. */
class CompositionStartupTests {

    @TempDir
    Path directory;

    @Test
    void aPathVariableWithoutAPatternStopsStartUpNamingFileAndField() throws IOException {
        Path file = write("profile.yaml", """
                name: profile
                path: /profile/{userId}
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """);

        assertThatThrownBy(this::start)
                .hasRootCauseInstanceOf(InvalidCompositionException.class)
                .rootCause().hasMessageContaining(file.toString()).hasMessageContaining("params.userId")
                .hasMessageContaining("has no pattern");
    }

    @Test
    void aCompositionUnderAPassThroughRouteStopsStartUp() throws IOException {
        Path file = write("users.yaml", """
                name: user-card
                path: /users/{id}
                params:
                  id: "[a-z0-9-]{1,64}"
                sections:
                  user:
                    source: user
                    get: /users/{id}
                """);

        assertThatThrownBy(this::start)
                .hasRootCauseInstanceOf(InvalidCompositionException.class)
                .rootCause().hasMessageContaining(file.toString()).hasMessageContaining(": path:")
                .hasMessageContaining("clashes with the route /api/users/**");
    }

    @Test
    void aLocationThatIsNotADirectoryStopsStartUp() {
        Path missing = directory.resolve("missing");

        assertThatThrownBy(() -> start(missing))
                .hasRootCauseInstanceOf(InvalidCompositionException.class)
                .rootCause().hasMessageContaining(missing.toString()).hasMessageContaining("not a directory");
    }

    private Path write(String name, String yaml) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private void start() {
        start(directory);
    }

    private static void start(Path location) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "management.server.port=0",
                        "mosaic.gateway.rate-limit.store=memory",
                        "mosaic.gateway.security.jwk-set-uri=" + Upstreams.shared().jwkSetUri(),
                        "mosaic.gateway.security.issuer=" + TestTokens.ISSUER,
                        "mosaic.compositions.location=" + location)
                .run()) {
            assertThat(context.isActive()).as("the gateway must not start").isFalse();
        }
    }
}

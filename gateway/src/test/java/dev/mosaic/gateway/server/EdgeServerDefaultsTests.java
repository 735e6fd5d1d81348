package dev.mosaic.gateway.server;

import java.time.Duration;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped limits (SlowClientTests proves what each one does, with shorter values): a half-sent
 * request is closed within 30 s, and 10 000 connections are held at most.
 */
class EdgeServerDefaultsTests extends GatewayIntegrationTest {

    @Value("${server.netty.idle-timeout}")
    private Duration idleTimeout;

    @Autowired
    private EdgeServerProperties server;

    @Test
    void halfSentRequestsAreClosedWithinThirtySecondsAndConnectionsAreCapped() {
        assertThat(idleTimeout).as("headers that never finish, an idle keep-alive").isEqualTo(Duration.ofSeconds(30));
        assertThat(server.requestTimeout()).as("a body that stops").isEqualTo(Duration.ofSeconds(30));
        assertThat(server.maxConnections()).isEqualTo(10_000);
    }
}

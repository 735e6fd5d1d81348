package dev.mosaic.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A second shared context for the tests that need what the main one must not have: a strict rate
 * limit (1 request/s, burst 3, in memory) and a recommendations upstream on a port nobody listens on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "mosaic.gateway.security.issuer=" + TestTokens.ISSUER,
        "mosaic.gateway.rate-limit.requests-per-second=1",
        "mosaic.gateway.rate-limit.burst=3",
        "mosaic.gateway.rate-limit.store=memory",
})
public abstract class DeadUpstreamGatewayTest {

    @LocalServerPort
    protected int port;

    protected WebTestClient client;

    @DynamicPropertySource
    static void upstreamsWithDeadRecommendations(DynamicPropertyRegistry registry) {
        Upstreams upstreams = Upstreams.shared();
        registry.add("mosaic.gateway.composer-url", upstreams::backendsUrl);
        registry.add("mosaic.gateway.user-url", upstreams::backendsUrl);
        registry.add("mosaic.gateway.orders-url", upstreams::backendsUrl);
        int closed = closedPort();
        registry.add("mosaic.gateway.recommendations-url", () -> "http://127.0.0.1:" + closed);
        registry.add("mosaic.gateway.security.jwk-set-uri", upstreams::jwkSetUri);
    }

    @BeforeEach
    void newClient() {
        Upstreams.shared().backends().resetAll();
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

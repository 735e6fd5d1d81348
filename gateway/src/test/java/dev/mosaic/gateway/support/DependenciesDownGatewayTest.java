package dev.mosaic.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A third shared context: the optional dependencies configured but down (Redis for the rate limiter
 * and the identity provider's JWK set, both on ports nobody listens on) and structured JSON console
 * logs (ECS), switched on by the one documented property.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "mosaic.gateway.security.issuer=" + TestTokens.ISSUER,
        "logging.structured.format.console=ecs",
})
public abstract class DependenciesDownGatewayTest {

    @LocalServerPort
    protected int port;

    @Value("${local.management.port}")
    protected int managementPort;

    protected WebTestClient client;
    protected WebTestClient management;

    @DynamicPropertySource
    static void deadDependencies(DynamicPropertyRegistry registry) {
        int redis = closedPort();
        int identityProvider = closedPort();
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> redis);
        registry.add("mosaic.gateway.security.jwk-set-uri",
                () -> "http://127.0.0.1:" + identityProvider + "/.well-known/jwks.json");
        Upstreams upstreams = Upstreams.shared();
        registry.add("mosaic.gateway.composer-url", upstreams::backendsUrl);
        registry.add("mosaic.gateway.user-url", upstreams::backendsUrl);
        registry.add("mosaic.gateway.orders-url", upstreams::backendsUrl);
        registry.add("mosaic.gateway.recommendations-url", upstreams::backendsUrl);
    }

    @BeforeEach
    void clients() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
        management = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
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

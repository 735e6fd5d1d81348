package dev.mosaic.composer.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mosaic.composer.resilience.ResilienceRegistries;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the integration tests: the real composer on a random port against WireMock backends (all
 * four sources, and the identity provider's JWK set with {@link Tokens}' key), one Spring context for
 * all of them (same properties), resilience state reset before each test and a fresh user id per
 * test so that last-known-good caches never leak between tests.
 *
 * <p>Timing chosen for determinism: deadline 900 ms, per-attempt timeout 400 ms, backoff 10–20 ms;
 * optional sections need 100 ms left to retry (so a hanging backend gets 2 attempts, then
 * {@code TIMEOUT}); the user section needs only 10 ms (so a hanging user service is cut by the
 * deadline: 504).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        // the tests warm up below, on stubs set per test; WarmUpReadinessTests runs the real warm-up
        "mosaic.composer.warm-up.enabled=false",
        "mosaic.composer.deadline=900ms",
        "mosaic.composer.client.max-response-size=16KB",
        "mosaic.composer.sources.user.retry.min-attempt-time=10ms",
        "mosaic.composer.sources.orders.bulkhead.max-concurrent-calls=20" })
public abstract class ComposerIntegrationTest {

    /**
     * A property for a subclass that needs a Spring context of its own (other properties, with
     * {@code @DirtiesContext}). Reactor Netty registers its pool gauges in Micrometer's global registry
     * under an id made of the pool's name, remote address and client configuration; a second context
     * with the very same client would share that id with this one and, when closed, remove this
     * context's {@code reactor_netty_connection_provider_*} gauges. A different connect timeout makes
     * its pool distinct.
     */
    public static final String DISTINCT_BACKEND_POOL = "mosaic.composer.client.connect-timeout=251ms";

    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String[] SOURCES = { "user", "orders", "recommendations", "catalog" };

    @LocalServerPort
    protected int port;

    @Autowired
    protected ResilienceRegistries registries;

    protected WebTestClient client;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("mosaic.composer.security.jwk-set-uri", () -> Backends.url() + Backends.JWKS_PATH);
        for (String source : SOURCES) {
            String prefix = "mosaic.composer.sources." + source + ".";
            registry.add(prefix + "url", Backends::url);
            registry.add(prefix + "timeout", () -> "400ms");
            registry.add(prefix + "retry.initial-backoff", () -> "10ms");
            registry.add(prefix + "retry.max-backoff", () -> "20ms");
            registry.add(prefix + "retry.budget.reserve", () -> "1000");
            registry.add(prefix + "circuit-breaker.sliding-window-size", () -> "10");
            registry.add(prefix + "circuit-breaker.minimum-number-of-calls", () -> "5");
            registry.add(prefix + "circuit-breaker.open-wait", () -> "1s");
            registry.add(prefix + "circuit-breaker.half-open-calls", () -> "1");
        }
    }

    private static volatile boolean warmedUp;

    @BeforeEach
    void resetBackendsAndResilience() {
        Backends.resetToHealthy();
        if (!warmedUp) {
            // the first requests of a cold JVM load classes and open connections: keep that out of tests
            WebTestClient warmUp = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                    .responseTimeout(Duration.ofSeconds(10)).build();
            for (int i = 0; i < 3; i++) {
                warmUp.get().uri("/dashboard/warm-up").exchange().expectBody().returnResult();
            }
            warmedUp = true;
            Backends.resetToHealthy();
        }
        registries.circuitBreakers().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A user id no other test has used. */
    protected static String freshUser() {
        return "it-" + USERS.incrementAndGet();
    }

    /** An id starting with {@code prefix} that no other test has used (orders, products). */
    protected static String fresh(String prefix) {
        return prefix + "-it-" + USERS.incrementAndGet();
    }
}

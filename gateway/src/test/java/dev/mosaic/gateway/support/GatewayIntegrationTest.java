package dev.mosaic.gateway.support;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the gateway's integration tests: the real application on a random port, WireMock
 * upstreams, tokens from {@link TestTokens}. Every subclass without extra properties shares one
 * Spring context. The rate limit is raised here so that it never interferes; the rate limiter has
 * its own tests with their own context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "mosaic.gateway.security.issuer=" + TestTokens.ISSUER,
        "mosaic.gateway.rate-limit.requests-per-second=100000",
        "mosaic.gateway.rate-limit.burst=100000",
        "mosaic.gateway.rate-limit.store=memory",
        "mosaic.gateway.security.audience=" + TestTokens.AUDIENCE,
        // no background refresh during a test: the key fetches a test counts are the ones it caused
        "mosaic.gateway.security.jwk-refresh-interval=1h",
        "mosaic.gateway.routes.users.response-timeout=500ms",
        "mosaic.gateway.routes.users.time-limit=1500ms",
})
public abstract class GatewayIntegrationTest {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    /** This context's name in its JWK set URI's query, so that its own key fetches can be counted. */
    public static final String JWK_CONTEXT = "shared";

    @LocalServerPort
    protected int port;

    @Autowired
    private CircuitBreakerRegistry circuitBreakers;

    protected WebTestClient client;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        Upstreams upstreams = Upstreams.shared();
        registry.add("mosaic.gateway.composer-url", upstreams::backendsUrl);
        registry.add("mosaic.gateway.user-url", upstreams::backendsUrl);
        registry.add("mosaic.gateway.orders-url", upstreams::backendsUrl);
        registry.add("mosaic.gateway.recommendations-url", upstreams::backendsUrl);
        registry.add("mosaic.gateway.security.jwk-set-uri", () -> upstreams.jwkSetUri(JWK_CONTEXT));
        // the usual SPA dev origin, and the origin of the page the browser tests load
        registry.add("mosaic.gateway.cors.allowed-origins",
                () -> "http://localhost:5173," + SpaPages.shared().allowedOrigin());
    }

    @BeforeEach
    void resetUpstreamsAndCircuits() {
        backends().resetAll();
        circuitBreakers.getAllCircuitBreakers().forEach(cb -> cb.reset());
        client = TestClients.bindToServer(baseUrl())
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected static WireMockServer backends() {
        return Upstreams.shared().backends();
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Asserts an RFC 9457 body with the given status and a trace id, and returns it. */
    /**
     * A body refused mid-upload: the gateway answers 413 problem+json and closes the connection
     * without reading the rest, so a client still writing may see the close (a reset) before it
     * reads the answer (the server has no lingering close). Either way nothing past the limit went
     * on; when an answer was read, it is the 413 problem. Answers whether the 413 was read.
     */
    public static boolean assertRefusedAs413(java.util.function.Supplier<WebTestClient.ResponseSpec> send) {
        WebTestClient.ResponseSpec response;
        try {
            response = send.get();
        } catch (org.springframework.web.reactive.function.client.WebClientRequestException e) {
            org.assertj.core.api.Assertions.assertThat(e).hasMessageContaining("closed BEFORE response");
            return false;
        }
        assertProblem(response, 413);
        return true;
    }

    public static Map<String, Object> assertProblem(WebTestClient.ResponseSpec response, int status) {
        Map<String, Object> body = response
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(PROBLEM_JSON)
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(body).as("problem+json body").isNotNull()
                .containsKeys("type", "title", "status", "detail", "instance", "traceId")
                .containsEntry("status", status);
        assertThat(body.get("traceId").toString()).matches("[0-9a-f]{32}");
        assertThat(body.toString()).doesNotContain("Exception", "\tat ");
        return body;
    }
}

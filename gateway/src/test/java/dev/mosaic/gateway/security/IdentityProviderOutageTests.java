package dev.mosaic.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.mosaic.gateway.support.TestTokens;
import dev.mosaic.gateway.support.Upstreams;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.mosaic.gateway.support.GatewayIntegrationTest.assertProblem;
import static dev.mosaic.gateway.support.GatewayIntegrationTest.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider's JWK endpoint down, slow or answering garbage: a 503
 * {@code identity-provider-unavailable} problem with {@code Retry-After}, fast, never a 500, and a
 * rate-limited WARN instead of a stack trace per request. The gateway never had the keys here (its
 * JWK endpoint fails from the start), so no token can be checked until it answers; then it recovers
 * without a restart (last test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "mosaic.gateway.security.issuer=" + TestTokens.ISSUER,
        "mosaic.gateway.security.jwk-timeout=300ms",
        "mosaic.gateway.security.jwk-min-refetch-interval=100ms",
        "mosaic.gateway.rate-limit.store=memory",
        "mosaic.gateway.rate-limit.requests-per-second=100000",
        "mosaic.gateway.rate-limit.burst=100000",
})
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityProviderOutageTests {

    private static final String JWKS = "/.well-known/jwks.json";
    private static final WireMockServer IDP = start();

    @LocalServerPort
    private int port;

    private WebTestClient client;
    private final String token = TestTokens.valid("u-1");

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add("mosaic.gateway.security.jwk-set-uri", () -> "http://127.0.0.1:" + IDP.port() + JWKS);
        Upstreams upstreams = Upstreams.shared();
        registry.add("mosaic.gateway.user-url", upstreams::backendsUrl);
        registry.add("mosaic.gateway.composer-url", upstreams::backendsUrl);
    }

    @BeforeEach
    void client() {
        IDP.resetAll();
        Upstreams.shared().backends().resetAll();
        Upstreams.shared().backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    @Order(1)
    void aDownIdentityProviderIsA503WithRetryAfter() {
        IDP.stubFor(get(JWKS).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertUnavailable();
    }

    @Test
    @Order(2)
    void aSlowIdentityProviderIsA503WithinTheJwkTimeout() {
        IDP.stubFor(get(JWKS).willReturn(okForContentType("application/json", TestTokens.jwkSetJson()).withFixedDelay(5_000)));

        long start = System.nanoTime();
        assertUnavailable();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the 300 ms JWK timeout, not the 5 s delay")
                .isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    @Order(3)
    void anIdentityProviderAnsweringGarbageIsA503() {
        IDP.stubFor(get(JWKS).willReturn(okForContentType("application/json", "{\"keys\": \"not keys\"")));

        assertUnavailable();
    }

    @Test
    @Order(4)
    void fiftyFailingRequestsLogAFewLinesAndNoStackTrace(CapturedOutput output) {
        IDP.stubFor(get(JWKS).willReturn(aResponse().withStatus(500)));
        int before = output.getAll().length();

        for (int i = 0; i < 50; i++) {
            client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectStatus().isEqualTo(503);
        }

        String logged = output.getAll().substring(before);
        List<String> lines = logged.lines()
                .filter(line -> !line.contains("dev.mosaic.gateway.access"))
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("Exception"))
                .toList();
        assertThat(lines).as("log lines for 50 failing requests").hasSizeLessThanOrEqualTo(3);
        assertThat(logged).as("no stack trace").doesNotContain("\tat ");
    }

    @Test
    @Order(5)
    void theGatewayRecoversOnceTheIdentityProviderAnswers() {
        IDP.stubFor(get(JWKS).willReturn(okForContentType("application/json", TestTokens.jwkSetJson())));

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                        .expectStatus().isOk());
    }

    private void assertUnavailable() {
        var response = client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange();
        response.expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isBetween(1L, 10L));
        Map<String, Object> problem = assertProblem(response, 503);
        assertThat(problem.get("type")).isEqualTo("https://mosaic.dev/problems/identity-provider-unavailable");
        Upstreams.shared().backends().verify(0, anyRequestedFor(anyUrl()));
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(4));
        server.start();
        return server;
    }
}

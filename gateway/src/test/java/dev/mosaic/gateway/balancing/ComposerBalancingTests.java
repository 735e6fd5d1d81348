package dev.mosaic.gateway.balancing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestClients;
import dev.mosaic.gateway.support.TestTokens;
import dev.mosaic.gateway.support.Upstreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The composed routes over several composers ({@code mosaic.gateway.composer.instances}): two WireMock
 * composers with a readiness endpoint each, and a third listed instance whose readiness says 200 but
 * whose port refuses connections (a composer that died a moment ago, before any health check saw it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "mosaic.gateway.security.issuer=" + TestTokens.ISSUER,
        "mosaic.gateway.security.audience=" + TestTokens.AUDIENCE,
        "mosaic.gateway.rate-limit.enabled=false",
        "spring.cloud.loadbalancer.health-check.interval=300ms",
})
class ComposerBalancingTests {

    private static final String READY = "/actuator/health/readiness";
    private static final WireMockServer FIRST = composer();
    private static final WireMockServer SECOND = composer();
    private static final int REFUSING = closedPort();
    private static final String TOKEN = "Bearer " + TestTokens.valid("u-1");

    @LocalServerPort
    int port;

    private WebTestClient client;

    @DynamicPropertySource
    static void composers(DynamicPropertyRegistry registry) {
        registry.add("mosaic.gateway.composer-url", () -> url(FIRST));
        registry.add("mosaic.gateway.composer.instances[0].url", () -> url(FIRST));
        registry.add("mosaic.gateway.composer.instances[0].readiness-url", () -> url(FIRST) + READY);
        registry.add("mosaic.gateway.composer.instances[1].url", () -> url(SECOND));
        registry.add("mosaic.gateway.composer.instances[1].readiness-url", () -> url(SECOND) + READY);
        registry.add("mosaic.gateway.composer.instances[2].url", () -> "http://127.0.0.1:" + REFUSING);
        // it says it is ready: only the connect retry keeps its share of requests from failing
        registry.add("mosaic.gateway.composer.instances[2].readiness-url", () -> url(FIRST) + READY);
        registry.add("mosaic.gateway.security.jwk-set-uri", () -> Upstreams.shared().jwkSetUri("balancing"));
    }

    @BeforeEach
    void everyComposerReady() {
        for (WireMockServer composer : new WireMockServer[] { FIRST, SECOND }) {
            composer.resetAll();
            composer.stubFor(get(READY).willReturn(okJson("{\"status\":\"UP\"}")));
            composer.stubFor(get(urlPathMatching("/dashboard/.*"))
                    .willReturn(okJson("{\"userId\":\"u-1\",\"from\":" + composer.port() + "}")));
        }
        client = TestClients.bindToServer("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(5)).build();
        // the gateway may have started before these stubs existed, its first health checks failing
        await("both composers back in rotation").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            dashboards(6);
            return served(FIRST) > 0 && served(SECOND) > 0;
        });
    }

    @AfterAll
    static void stopComposers() {
        FIRST.stop();
        SECOND.stop();
    }

    @Test
    void spreadsRequestsOverEveryReadyComposerAndTriesARefusedConnectionOnTheNext() {
        FIRST.resetRequests();
        SECOND.resetRequests();

        dashboards(30); // each one 200, though a third of them were first sent to the refusing instance

        assertThat(served(FIRST)).as("dashboards the first composer served").isGreaterThanOrEqualTo(10);
        assertThat(served(SECOND)).as("dashboards the second composer served").isGreaterThanOrEqualTo(10);
        assertThat(served(FIRST) + served(SECOND)).isEqualTo(30);
    }

    @Test
    void takesANotReadyComposerOutWithinSecondsAndPutsItBackWhenReady() {
        SECOND.stubFor(get(READY).willReturn(aResponse().withStatus(503).withBody("{\"status\":\"OUT_OF_SERVICE\"}")));

        await("the draining composer out of rotation").atMost(Duration.ofSeconds(3)).until(() -> {
            SECOND.resetRequests();
            dashboards(10);
            return served(SECOND) == 0;
        });

        SECOND.stubFor(get(READY).willReturn(okJson("{\"status\":\"UP\"}")));
        await("the composer back in rotation").atMost(Duration.ofSeconds(3)).until(() -> {
            dashboards(4);
            return served(SECOND) > 0;
        });
    }

    @Test
    void servesFromEveryInstanceWhenNoneSaysItIsReady() {
        FIRST.stubFor(get(READY).willReturn(aResponse().withStatus(503)));
        SECOND.stubFor(get(READY).willReturn(aResponse().withStatus(503)));
        FIRST.resetRequests();
        SECOND.resetRequests();
        await("two health-check rounds that found no composer ready").atMost(Duration.ofSeconds(5))
                .until(() -> probes(FIRST) >= 4 && probes(SECOND) >= 2); // the refusing one is probed at FIRST

        // a health check that fails everywhere is more likely wrong than every composer gone
        dashboards(12);
        assertThat(served(FIRST)).isGreaterThan(0);
        assertThat(served(SECOND)).isGreaterThan(0);
    }

    @Test
    void aConnectionLostBeforeTheAnswerIsTriedOnceOnAnotherComposer() {
        FIRST.stubFor(get(urlPathEqualTo("/dashboard/u-1")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        SECOND.resetRequests();

        dashboards(12); // every one 200: those sent to the first (or the refusing one) are served by another

        assertThat(served(SECOND)).isGreaterThanOrEqualTo(4);
    }

    @Test
    void composersThatAllDropTheConnectionMidRequestAreAProblemAtOnceNeverAHang() {
        for (WireMockServer composer : new WireMockServer[] { FIRST, SECOND }) {
            composer.stubFor(get(urlPathEqualTo("/dashboard/u-1"))
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        }

        for (int i = 0; i < 4; i++) {
            long start = System.nanoTime();
            var result = client.get().uri("/api/dashboard/u-1").header("Authorization", TOKEN).exchange()
                    .expectHeader().contentTypeCompatibleWith(GatewayIntegrationTest.PROBLEM_JSON)
                    .expectBody(String.class).returnResult();
            // 502 from a reset, or 503 when the retry went to the instance that refuses connections
            assertThat(result.getStatus().value()).as(result.getResponseBody()).isIn(502, 503);
            assertThat(result.getResponseBody()).contains("\"traceId\"").doesNotContain("Exception");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    private void dashboards(int count) {
        for (int i = 0; i < count; i++) {
            var result = client.get().uri("/api/dashboard/u-1").header("Authorization", TOKEN).exchange()
                    .expectBody(String.class).returnResult();
            assertThat(result.getStatus().value()).as("a dashboard through the gateway: %s", result.getResponseBody())
                    .isEqualTo(200);
        }
    }

    private static int served(WireMockServer composer) {
        return composer.countRequestsMatching(getRequestedFor(urlPathMatching("/dashboard/.*")).build()).getCount();
    }

    private static int probes(WireMockServer composer) {
        return composer.countRequestsMatching(getRequestedFor(urlPathEqualTo(READY)).build()).getCount();
    }

    private static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    private static WireMockServer composer() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort().asynchronousResponseEnabled(true).containerThreads(20));
        server.start();
        return server;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

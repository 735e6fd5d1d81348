package dev.mosaic.gateway.observability;

import dev.mosaic.gateway.support.TestClients;
import java.time.Duration;
import java.util.regex.Pattern;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Each management endpoint answers with its content on the management port, and only there. */
class ManagementEndpointsTests extends GatewayIntegrationTest {

    @Value("${local.management.port}")
    private int managementPort;

    private WebTestClient management;

    @BeforeEach
    void managementClient() {
        management = TestClients.bindToServer("http://127.0.0.1:" + managementPort)
                // the scrape (histogram buckets included) is larger than the 256 KB default buffer
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void livenessAndReadinessGroupsAreUp() {
        management.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void infoHasBuildAndGit() {
        management.get().uri("/actuator/info").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.build.artifact").isEqualTo("gateway")
                .jsonPath("$.build.version").exists()
                .jsonPath("$.git.commit.id").exists();
    }

    @Test
    void prometheusHasTheRouteTaggedRequestTimerAndThePoolMeters() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}")));
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1")))
                .exchange().expectStatus().isOk();

        // the timer is recorded when the exchange completes, which can be just after the client has its answer
        Pattern usersOk = Pattern.compile("http_server_requests_seconds_count\\{[^}]*route=\"users\"[^}]*status=\"200\"[^}]*}");
        String body = Awaitility.await().atMost(Duration.ofSeconds(5)).until(this::scrape, usersOk.asPredicate());

        assertThat(body)
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*route=\"users\"[^}]*}")
                .contains("reactor_netty_connection_provider_active_connections", "mosaic_gateway_ratelimit_rejected_total{")
                .as("one request timer: Spring Cloud Gateway's own is off").doesNotContain("spring_cloud_gateway_requests");
    }

    private String scrape() {
        return management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    void circuitBreakersListsTheRouteBreakersWithTheirState() {
        // a route's breaker is created by its first call
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}")));
        backends().stubFor(get(urlEqualTo("/dashboard/u-1")).willReturn(okJson("{}")));
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1")))
                .exchange().expectStatus().isOk();
        client.get().uri("/api/dashboard/u-1").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1")))
                .exchange().expectStatus().isOk();

        management.get().uri("/actuator/circuitbreakers").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.circuitBreakers.users.state").isEqualTo("CLOSED")
                .jsonPath("$.circuitBreakers.dashboard.state").isEqualTo("CLOSED");
    }

    @Test
    void circuitBreakerEventsAndRetriesAnswer() {
        management.get().uri("/actuator/circuitbreakerevents").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.circuitBreakerEvents").isArray();
        management.get().uri("/actuator/retries").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.retries").isArray();
    }

    @Test
    void gatewayRoutesListsTheRoutes() {
        management.get().uri("/actuator/gateway/routes").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body)
                        .contains("\"route_id\":\"users\"", "\"route_id\":\"dashboard\"", "\"route_id\":\"me-dashboard\""));
    }

    @ParameterizedTest(name = "{0} is not on the public port")
    @ValueSource(strings = {"/actuator/info", "/actuator/prometheus", "/actuator/circuitbreakers",
            "/actuator/circuitbreakerevents", "/actuator/retries", "/actuator/gateway/routes",
            "/actuator/health/readiness"})
    void managementEndpointsAreNotReachableThroughThePublicPort(String path) {
        client.get().uri(path).exchange().expectStatus().isNotFound();
    }
}

package dev.mosaic.composer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.composer.support.ComposerIntegrationTest;
import dev.mosaic.composer.support.Management;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The management port exposes the dashboard, section and Resilience4j metrics for Prometheus. */
class MetricsEndpointTests extends ComposerIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void exposesDashboardSectionAndResilienceMetrics() {
        client.get().uri("/dashboard/{id}", freshUser()).exchange().expectStatus().isOk();

        String scrape = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build()
                .get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(scrape)
                .contains("mosaic_dashboard_seconds_count{outcome=\"complete\"}")
                .contains("mosaic_section_seconds_count{composition=\"dashboard\",reason=\"none\",section=\"orders\",status=\"OK\"}")
                .contains("resilience4j_circuitbreaker_state{name=\"user\",state=\"closed\"} 1.0")
                .contains("resilience4j_bulkhead_available_concurrent_calls{name=\"orders\"}")
                .contains("resilience4j_retry_calls_total");
    }

    @Test
    void publishesHistogramsAttemptsRetryBudgetAndBackendPoolMetrics() {
        String user = freshUser();
        client.get().uri("/dashboard/{id}", user).exchange().expectStatus().isOk();

        String scrape = Management.on(managementPort).scrape();

        assertThat(scrape)
                .contains("mosaic_section_seconds_bucket{composition=\"dashboard\",reason=\"none\",section=\"user\",status=\"OK\",le=")
                .contains("mosaic_dashboard_seconds_bucket{outcome=\"complete\",le=")
                .contains("mosaic_retry_budget_total{decision=\"granted\",section=\"orders\",source=\"orders\"}")
                .contains("mosaic_retry_budget_total{decision=\"denied\",section=\"orders\",source=\"orders\"}")
                .contains("mosaic_retry_budget_available{section=\"orders\",source=\"orders\"}")
                .contains("resilience4j_timelimiter_calls_total{kind=\"successful\",name=\"user\"}")
                .contains("resilience4j_circuitbreaker_calls_seconds_count{kind=\"successful\",name=\"orders\"}")
                .containsPattern("reactor_netty_connection_provider_active_connections\\{id=\"[^\"]+\","
                        + "name=\"mosaic-backends\",remote_address=\"127\\.0\\.0\\.1:\\d+\"}")
                .contains("reactor_netty_connection_provider_pending_connections{")
                .contains("reactor_netty_connection_provider_idle_connections{")
                .contains("reactor_netty_connection_provider_total_connections{")
                .doesNotContain(user);
        assertThat(Management.sample(scrape,
                "mosaic_section_attempts_total{result=\"OK\",section=\"recommendations\",source=\"recommendations\"}"))
                .isGreaterThanOrEqualTo(1.0);
        assertThat(scrape).as("the observation timers and per-request client timers are off by default")
                .doesNotContain("http_server_requests_seconds")
                .doesNotContain("http_client_requests_seconds")
                .doesNotContain("reactor_netty_http_client_response_time");
    }

    @Test
    void keepsHealthProbesOnTheManagementPort() {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build()
                .get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk();
        client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
    }
}

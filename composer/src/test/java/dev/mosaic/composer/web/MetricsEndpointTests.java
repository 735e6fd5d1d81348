package dev.mosaic.composer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.composer.support.ComposerIntegrationTest;
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
                .contains("mosaic_section_seconds_count{reason=\"none\",section=\"orders\",status=\"OK\"}")
                .contains("resilience4j_circuitbreaker_state{name=\"user\",state=\"closed\"} 1.0")
                .contains("resilience4j_bulkhead_available_concurrent_calls{name=\"orders\"}")
                .contains("resilience4j_retry_calls_total");
    }

    @Test
    void keepsHealthProbesOnTheManagementPort() {
        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort).build()
                .get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk();
        client.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
    }
}

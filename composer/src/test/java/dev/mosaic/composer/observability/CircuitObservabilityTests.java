package dev.mosaic.composer.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mosaic.composer.support.Management.sample;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import dev.mosaic.composer.support.Management;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * A person breaking a backend can watch the composer respond: after 500s from the recommendation
 * service open its circuit, the state gauge, the section and attempt counters, the log and the
 * actuator endpoints all say so.
 */
@ExtendWith(OutputCaptureExtension.class)
class CircuitObservabilityTests extends ComposerIntegrationTest {

    private static final String OPEN_SECTIONS = "mosaic_section_seconds_count{composition=\"dashboard\","
            + "reason=\"CIRCUIT_OPEN\",section=\"recommendations\",status=\"DEGRADED\"}";
    private static final String FAILED_ATTEMPTS = "mosaic_section_attempts_total{result=\"UPSTREAM_ERROR\","
            + "section=\"recommendations\",source=\"recommendations\"}";

    @LocalManagementPort
    int managementPort;

    Management management;

    @BeforeEach
    void management() {
        management = Management.on(managementPort);
    }

    @Test
    void openCircuitMovesTheStateGaugeAndTheCircuitOpenSectionCount() {
        String before = management.scrape();

        String user = openRecommendationsCircuit();
        for (int i = 0; i < 3; i++) {
            client.get().uri("/dashboard/{id}", user).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.meta.sections.recommendations.reason").isEqualTo("CIRCUIT_OPEN");
        }

        String after = management.scrape();
        assertThat(sample(after, "resilience4j_circuitbreaker_state{name=\"recommendations\",state=\"open\"}"))
                .isEqualTo(1.0);
        assertThat(sample(after, "resilience4j_circuitbreaker_state{name=\"user\",state=\"closed\"}"))
                .isEqualTo(1.0);
        assertThat(sample(after, OPEN_SECTIONS) - sample(before, OPEN_SECTIONS)).isGreaterThanOrEqualTo(3);
        assertThat(sample(after, FAILED_ATTEMPTS) - sample(before, FAILED_ATTEMPTS))
                .as("each 500 was one attempt (not retried)").isGreaterThanOrEqualTo(5);
        assertThat(after).as("no user id in any tag").doesNotContain(user);
    }

    @Test
    void logsTheOpeningOnceAsAWarning(CapturedOutput output) {
        String user = openRecommendationsCircuit();
        for (int i = 0; i < 3; i++) {
            client.get().uri("/dashboard/{id}", user).exchange().expectStatus().isOk();
        }

        String opened = "Circuit breaker 'recommendations' CLOSED -> OPEN";
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains(opened));
        LoggerFactory.getLogger(CircuitObservabilityTests.class).info("marker after the requests");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("marker after the requests"));
        assertThat(output.getAll().lines().filter(line -> line.contains(opened)))
                .singleElement().asString().contains("WARN").contains(CircuitStateLog.LOGGER);
    }

    @Test
    void listsTheOpenCircuitAndItsEventsOnTheActuator() {
        openRecommendationsCircuit();

        management.client().get().uri("/actuator/circuitbreakers").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.circuitBreakers.recommendations.state").isEqualTo("OPEN")
                .jsonPath("$.circuitBreakers.recommendations.failureRate").isEqualTo(100.0)
                .jsonPath("$.circuitBreakers.user.state").isEqualTo("CLOSED")
                .jsonPath("$.circuitBreakers.orders.state").isEqualTo("CLOSED");
        management.client().get().uri("/actuator/circuitbreakerevents/recommendations").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.circuitBreakerEvents[?(@.stateTransition == 'CLOSED_TO_OPEN')]").exists()
                .jsonPath("$.circuitBreakerEvents[?(@.type == 'ERROR')].errorMessage").exists()
                .jsonPath("$.circuitBreakerEvents[?(@.type == 'SUCCESS')]").doesNotExist();
    }

    /** Sends requests with a failing recommendation service until its breaker opens. */
    private String openRecommendationsCircuit() {
        Backends.stub(get(urlPathEqualTo("/recommendations")).willReturn(aResponse().withStatus(500)));
        CircuitBreaker breaker = registries.circuitBreakers().circuitBreaker("recommendations");
        String user = freshUser();
        for (int i = 0; i < 20 && breaker.getState() != CircuitBreaker.State.OPEN; i++) {
            client.get().uri("/dashboard/{id}", user).exchange().expectStatus().isOk();
        }
        assertThat(breaker.getState()).as("recommendations circuit after repeated 500s")
                .isEqualTo(CircuitBreaker.State.OPEN);
        return user;
    }
}

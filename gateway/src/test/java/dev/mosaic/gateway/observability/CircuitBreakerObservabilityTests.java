package dev.mosaic.gateway.observability;

import dev.mosaic.gateway.support.TestClients;
import java.time.Duration;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route breaker opened by upstream faults is visible: its state gauge on
 * {@code /actuator/prometheus}, the {@code circuitbreakers} and {@code circuitbreakerevents}
 * endpoints, and one WARN line for the transition.
 */
@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakerObservabilityTests extends GatewayIntegrationTest {

    @Value("${local.management.port}")
    private int managementPort;

    @Test
    void breakerOpenedByFaultsShowsOpenEverywhereAndLogsTheTransitionOnce(CapturedOutput output) {
        backends().stubFor(get(urlPathEqualTo("/orders")).willReturn(serverError()));
        String token = TestTokens.valid("u-1");
        // 500 is not retried: 10 failed calls fill the window past its 50 % threshold
        for (int i = 0; i < 10; i++) {
            client.get().uri("/api/orders?userId=u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectStatus().isEqualTo(500);
        }
        client.get().uri("/api/orders?userId=u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isEqualTo(503);

        WebTestClient management = TestClients.bindToServer("http://127.0.0.1:" + managementPort)
                // the scrape (histogram buckets included) is larger than the 256 KB default buffer
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
                .responseTimeout(Duration.ofSeconds(10)).build();
        String prometheus = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(prometheus)
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"orders\"[^}]*state=\"open\"[^}]*} 1(\\.0)?\n")
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"orders\"[^}]*state=\"closed\"[^}]*} 0(\\.0)?\n");

        management.get().uri("/actuator/circuitbreakers").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.circuitBreakers.orders.state").isEqualTo("OPEN");
        management.get().uri("/actuator/circuitbreakerevents").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("\"orders\"", "State transition from CLOSED to OPEN"));

        String transition = "Circuit breaker 'orders' CLOSED -> OPEN";
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains(transition));
        assertThat(output.getOut().lines().filter(line -> line.contains(transition)))
                .as("one log line per transition").singleElement().asString().containsPattern("WARN\\b");
    }
}

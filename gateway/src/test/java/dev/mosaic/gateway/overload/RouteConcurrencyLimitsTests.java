package dev.mosaic.gateway.overload;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * Over a route's concurrency limit the gateway sheds at once: 503 problem+json {@code overloaded}
 * with {@code Retry-After}, nothing sent upstream, and the other routes unaffected (each has its own
 * limit). The dashboard route's limit is fixed at one ({@code routes.dashboard.fixed-limit}) so that
 * the test decides when it is full; every other route keeps the adaptive default.
 */
@TestPropertySource(properties = "mosaic.gateway.concurrency-limit.routes.dashboard.fixed-limit=1")
class RouteConcurrencyLimitsTests extends GatewayIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private double inFlight(String route) {
        var gauge = meters.find("mosaic.gateway.concurrency.in.flight").tag("route", route).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    @Test
    void overARoutesLimitARequestIs503AtOnceAndTheOtherRoutesStillServe() {
        backends().stubFor(get(urlPathEqualTo("/dashboard/u-1"))
                .willReturn(okJson("{\"userId\":\"u-1\"}").withFixedDelay(800)));
        backends().stubFor(get(urlPathEqualTo("/users/u-1")).willReturn(okJson("{\"id\":\"u-1\"}")));
        String token = bearer(TestTokens.valid("u-1"));
        Disposable held = WebClient.create(baseUrl()).get().uri("/api/dashboard/u-1")
                .header(HttpHeaders.AUTHORIZATION, token).retrieve().toBodilessEntity()
                .onErrorResume(e -> reactor.core.publisher.Mono.empty()).subscribe();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("dashboard") == 1);

            client.get().uri("/api/dashboard/u-1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(PROBLEM_JSON)
                    .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/overloaded")
                    .jsonPath("$.traceId").isNotEmpty();
            client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, token).exchange()
                    .expectStatus().isOk();
        } finally {
            held.dispose();
        }
        assertThat(backends().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/dashboard/u-1")))).as("the shed request never went upstream").hasSize(1);
        assertThat(meters.get("mosaic.gateway.concurrency.rejected").tag("route", "dashboard").counter().count())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("dashboard") == 0);
        assertThat(meters.get("mosaic.gateway.concurrency.limit").tag("route", "dashboard").gauge().value())
                .as("the route's own fixed limit").isEqualTo(1);
        assertThat(meters.get("mosaic.gateway.concurrency.limit").tag("route", "users").gauge().value())
                .as("the other routes keep the adaptive default").isEqualTo(1024);
    }
}

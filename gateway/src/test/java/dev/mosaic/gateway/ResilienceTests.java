package dev.mosaic.gateway;

import java.time.Duration;
import java.util.Map;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries, circuit breaking and timeouts per route, counted at the upstream. The users route is
 * configured in the base class with a 500 ms response timeout and a 1.5 s time limit. Only GET is
 * retried; the pass-through routes take nothing but GET and HEAD anyway ({@code PassThroughMethodTests}).
 */
class ResilienceTests extends GatewayIntegrationTest {

    private final String token = TestTokens.valid("u-1");

    @Test
    void getIsRetriedTwiceOn503ThenAnswersAProblem() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(serviceUnavailable()));

        Map<String, Object> problem = assertProblem(client.get().uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(), 503);

        assertThat(problem.get("type").toString()).endsWith("upstream-error");
        backends().verify(3, getRequestedFor(urlEqualTo("/users/u-1")));
    }

    @Test
    void getSucceedsWhenARetryFindsTheUpstreamHealthyAgain() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).inScenario("flaky")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("healthy"));
        backends().stubFor(get(urlEqualTo("/users/u-1")).inScenario("flaky").whenScenarioStateIs("healthy")
                .willReturn(okJson("{\"id\":\"u-1\"}")));

        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk();

        backends().verify(2, getRequestedFor(urlEqualTo("/users/u-1")));
    }

    @Test
    void clientErrorIsNeverRetried() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(notFound()));

        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isNotFound();

        backends().verify(1, getRequestedFor(urlEqualTo("/users/u-1")));
    }

    @Test
    void slowUpstreamIsA504ProblemAfterTheResponseTimeoutAndIsNotRetried() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}").withFixedDelay(5000)));

        long started = System.nanoTime();
        Map<String, Object> problem = assertProblem(client.get().uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(), 504);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(problem.get("type").toString()).endsWith("upstream-timeout");
        // a generous bound (shared CI machines stall); the 504 itself shows the upstream never answered
        assertThat(took).as("answered by the 500 ms response timeout, before the 5 s upstream")
                .isLessThan(Duration.ofMillis(4000));
        backends().verify(1, getRequestedFor(urlEqualTo("/users/u-1")));
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndAnswers503WithRetryAfterWithoutCallingTheUpstream() {
        backends().stubFor(get(urlPathEqualTo("/orders")).willReturn(serverError()));
        // 500 is not retried, so each request is one call; the window judges after 10 calls at 50 %
        for (int i = 0; i < 10; i++) {
            client.get().uri("/api/orders?userId=u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectStatus().isEqualTo(500);
        }
        backends().resetRequests();

        var response = client.get().uri("/api/orders?userId=u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5");

        assertThat(assertProblem(response, 503).get("type").toString()).endsWith("circuit-open");
        backends().verify(0, getRequestedFor(urlPathEqualTo("/orders")));
    }

    @Test
    void circuitLetsAProbeThroughWithinSecondsAndClosesWhenTheUpstreamRecovered() {
        backends().stubFor(get(urlPathEqualTo("/orders")).willReturn(serverError()));
        for (int i = 0; i < 10; i++) {
            client.get().uri("/api/orders?userId=u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange();
        }
        backends().stubFor(get(urlPathEqualTo("/orders")).willReturn(okJson("{\"orders\":[]}")));

        // open for 5 s, then half-open: the next call is a probe that reaches the healthy upstream
        Awaitility.await("circuit half-open and probing").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.get().uri("/api/orders?userId=u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                        .exchange().returnResult(String.class).getStatus().value() == 200);
    }

    @Test
    void openCircuitOfOneRouteLeavesTheOthersServing() {
        backends().stubFor(get(urlPathEqualTo("/orders")).willReturn(serverError()));
        backends().stubFor(get(urlPathEqualTo("/recommendations")).willReturn(okJson("{}")));
        for (int i = 0; i < 10; i++) {
            client.get().uri("/api/orders?userId=u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange();
        }

        client.get().uri("/api/recommendations?userId=u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void composerProblemsPassThroughUntouched() {
        backends().stubFor(get(urlEqualTo("/dashboard/u-1")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"title\":\"from composer\",\"status\":503}")));

        client.get().uri("/api/dashboard/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.title").isEqualTo("from composer");

        backends().verify(1, getRequestedFor(urlEqualTo("/dashboard/u-1")));
    }
}

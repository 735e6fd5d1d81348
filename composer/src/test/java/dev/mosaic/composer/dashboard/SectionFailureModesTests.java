package dev.mosaic.composer.dashboard;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient.BodyContentSpec;

/**
 * One test per way an optional backend can fail, against real WireMock backends: the dashboard
 * still answers 200, the section says what happened, and retries happen exactly when they should.
 */
class SectionFailureModesTests extends ComposerIntegrationTest {

    private static final String ORDERS = "/orders";

    @Test
    void timesOutAHangingBackendAndStopsRetryingBeforeTheDeadline() {
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(Backends.json(Backends.ORDERS_JSON)
                .withFixedDelay(3000)));

        // The second attempt's own timeout (~400 + 25 + 400 ms) and the 900 ms deadline fall within
        // tens of milliseconds of each other, so on a loaded machine either timer may fire first: both
        // labels are right. What must hold is two attempts, no third, and an answer by the deadline.
        ordersSection(freshUser(), "DEGRADED|FAILED")
                .jsonPath("$.meta.sections.orders.reason").value(reason ->
                        assertThat(reason).isIn("TIMEOUT", "DEADLINE_EXCEEDED"))
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(2)
                .jsonPath("$.orders").isEmpty();

        // the exact retry timing under the deadline is DeadlineAndFallbackTests' (virtual time)
        assertThat(ordersCalls()).as("third attempt not started: too little time left").isEqualTo(2);
    }

    @Test
    void retriesA503AndServesTheSecondAnswer() {
        Backends.stub(get(urlPathEqualTo(ORDERS)).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        Backends.stub(get(urlPathEqualTo(ORDERS)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(Backends.json(Backends.ORDERS_JSON)));

        ordersSection(freshUser(), "OK")
                .jsonPath("$.meta.sections.orders.source").isEqualTo("LIVE")
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(2)
                .jsonPath("$.orders[0].id").isEqualTo("o-1");
        assertThat(ordersCalls()).isEqualTo(2);
    }

    @Test
    void neverRetriesA4xx() {
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(400)));

        ordersSection(freshUser(), "FAILED")
                .jsonPath("$.meta.sections.orders.reason").isEqualTo("UPSTREAM_ERROR")
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(1);
        assertThat(ordersCalls()).isEqualTo(1);
    }

    @Test
    void neverRetriesA500() {
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(500)));

        ordersSection(freshUser(), "FAILED")
                .jsonPath("$.meta.sections.orders.reason").isEqualTo("UPSTREAM_ERROR")
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(1);
        assertThat(ordersCalls()).isEqualTo(1);
    }

    @Test
    void retriesConnectionResetsAsConnectErrors() {
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ordersSection(freshUser(), "FAILED")
                .jsonPath("$.meta.sections.orders.reason").isEqualTo("CONNECT_ERROR")
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(3);
        assertThat(ordersCalls()).isEqualTo(3);
    }

    @Test
    void reportsMalformedJsonAsBadResponseWithoutRetrying() {
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(Backends.json("{\"orders\":[{\"id\":")));

        ordersSection(freshUser(), "FAILED")
                .jsonPath("$.meta.sections.orders.reason").isEqualTo("BAD_RESPONSE")
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(1);
    }

    @Test
    void reportsABodyOfTheWrongShapeAsBadResponse() {
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(Backends.json("{\"orders\":{\"id\":1}}")));

        ordersSection(freshUser(), "FAILED").jsonPath("$.meta.sections.orders.reason").isEqualTo("BAD_RESPONSE");
    }

    @Test
    void refusesAnOversizedBodyAsBadResponse() {
        String huge = oversizedOrders();
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(Backends.json(huge)));

        ordersSection(freshUser(), "FAILED")
                .jsonPath("$.meta.sections.orders.reason").isEqualTo("BAD_RESPONSE")
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(1);
    }

    @Test
    void refusesAnOversizedChunkedBodyAsItGrowsPastTheCap() {
        // no Content-Length to refuse it by: it is cut off when it passes the 16 KB cap
        String huge = oversizedOrders();
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(Backends.json(huge).withChunkedDribbleDelay(8, 40)));

        ordersSection(freshUser(), "FAILED")
                .jsonPath("$.meta.sections.orders.reason").isEqualTo("BAD_RESPONSE")
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(1);
    }

    @Test
    void aRefusedBodyLeavesNoHalfReadConnectionInThePool() {
        String huge = oversizedOrders();
        String greedy = freshUser();
        String chunked = freshUser();
        Backends.stub(get(urlPathEqualTo(ORDERS)).withQueryParam("userId", equalTo(greedy))
                .willReturn(Backends.json(huge)));
        Backends.stub(get(urlPathEqualTo(ORDERS)).withQueryParam("userId", equalTo(chunked))
                .willReturn(Backends.json(huge).withChunkedDribbleDelay(8, 40)));

        ordersSection(greedy, "FAILED").jsonPath("$.meta.sections.orders.reason").isEqualTo("BAD_RESPONSE");
        ordersSection(chunked, "FAILED").jsonPath("$.meta.sections.orders.reason").isEqualTo("BAD_RESPONSE");
        // the next calls to the same backend, on whatever connection the pool lends, read whole answers
        for (int i = 0; i < 5; i++) {
            ordersSection(freshUser(), "OK").jsonPath("$.meta.sections.orders.attempts").isEqualTo(1);
        }
    }

    @Test
    void timesOutABodyThatDribblesIn() {
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(Backends.json(Backends.ORDERS_JSON)
                .withChunkedDribbleDelay(20, 3000)));

        ordersSection(freshUser(), "FAILED").jsonPath("$.meta.sections.orders.reason").isEqualTo("TIMEOUT");
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndClosesItOnceTheBackendRecovers() {
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 5; i++) {
            ordersSection(freshUser(), "FAILED").jsonPath("$.meta.sections.orders.reason").isEqualTo("UPSTREAM_ERROR");
        }
        CircuitBreaker breaker = registries.circuitBreakers().circuitBreaker("orders");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        ordersSection(freshUser(), "FAILED")
                .jsonPath("$.meta.sections.orders.reason").isEqualTo("CIRCUIT_OPEN")
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(0);
        assertThat(ordersCalls()).as("an open circuit does not call the backend").isEqualTo(5);

        Backends.resetToHealthy();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                ordersSection(freshUser(), "OK"));
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void rejectsCallsWhenTheBulkheadIsFull() {
        Bulkhead bulkhead = registries.bulkheads().bulkhead("orders");
        int held = 0;
        while (bulkhead.tryAcquirePermission()) {
            held++;
        }
        try {
            ordersSection(freshUser(), "FAILED")
                    .jsonPath("$.meta.sections.orders.reason").isEqualTo("BULKHEAD_FULL")
                    .jsonPath("$.meta.sections.orders.attempts").isEqualTo(0);
        } finally {
            for (int i = 0; i < held; i++) {
                bulkhead.onComplete();
            }
        }
        assertThat(held).isEqualTo(20);
        assertThat(ordersCalls()).isZero();
        assertThat(registries.circuitBreakers().circuitBreaker("orders").getMetrics().getNumberOfFailedCalls())
                .as("a full bulkhead says nothing about the backend's health").isZero();
    }

    @Test
    void servesTheLastKnownGoodOrdersAsStaleWhenTheBackendFails() {
        String user = freshUser();
        ordersSection(user, "OK");
        Backends.stub(get(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(500)));

        ordersSection(user, "DEGRADED")
                .jsonPath("$.meta.sections.orders.source").isEqualTo("STALE")
                .jsonPath("$.meta.sections.orders.reason").isEqualTo("UPSTREAM_ERROR")
                .jsonPath("$.meta.sections.orders.staleAgeMs").isNumber()
                .jsonPath("$.orders[0].id").isEqualTo("o-1");
    }

    @Test
    void servesThePopularListWhenRecommendationsFail() {
        Backends.stub(get(urlPathEqualTo("/recommendations")).willReturn(aResponse().withStatus(503)));

        client.get().uri("/dashboard/{id}", freshUser()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Dashboard-Complete", "false")
                .expectHeader().valueEquals("X-Degraded-Sections", "recommendations")
                .expectHeader().valueMatches("Server-Timing", ".*recommendations;dur=\\d+;desc=\"UPSTREAM_ERROR\".*")
                .expectBody()
                .jsonPath("$.meta.complete").isEqualTo(false)
                .jsonPath("$.meta.sections.recommendations.status").isEqualTo("DEGRADED")
                .jsonPath("$.meta.sections.recommendations.source").isEqualTo("FALLBACK")
                .jsonPath("$.meta.sections.recommendations.attempts").isEqualTo(3)
                .jsonPath("$.recommendations[0].productId").isEqualTo("p-1001");
    }

    private BodyContentSpec ordersSection(String user, String expectedStatus) {
        return client.get().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.meta.sections.orders.status").value(s -> assertThat((String) s).matches(expectedStatus))
                .jsonPath("$.meta.sections.user.status").isEqualTo("OK");
    }

    /** About 41 KB of well-formed orders: over the tests' 16 KB {@code max-response-size}. */
    private static String oversizedOrders() {
        String item = "{\"id\":\"o-1\",\"status\":\"SHIPPED\",\"note\":\"" + "x".repeat(1000) + "\"}";
        return "{\"orders\":[" + String.join(",", java.util.Collections.nCopies(40, item)) + "]}";
    }

    private static int ordersCalls() {
        return Backends.server().countRequestsMatching(getRequestedFor(urlPathEqualTo(ORDERS)).build()).getCount();
    }
}

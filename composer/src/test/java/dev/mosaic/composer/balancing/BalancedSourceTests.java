package dev.mosaic.composer.balancing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The orders source with two instances: the shared backend server and a second WireMock server that
 * the tests break (stopped: connection refused; resets; 503). Dashboards stay complete, the broken
 * instance is taken out within a few calls, and traffic returns to it once its health check passes.
 */
@DirtiesContext
@TestPropertySource(properties = {
        ComposerIntegrationTest.DISTINCT_BACKEND_POOL,
        "mosaic.composer.sources.orders.health-check.interval=500ms",
        // inside the interval (configuration requires it), but not so tight that a cold JVM's first checks of a
        // healthy instance time out (both instances unhealthy for a moment opened the orders circuit once in CI)
        "mosaic.composer.sources.orders.health-check.timeout=400ms" })
class BalancedSourceTests extends ComposerIntegrationTest {

    private static WireMockServer second;
    private static int secondPort;

    @Autowired
    MeterRegistry meters;

    @Autowired
    SourceBalancers balancers;

    @DynamicPropertySource
    static void twoOrderInstances(DynamicPropertyRegistry registry) {
        startSecond();
        registry.add("mosaic.composer.sources.orders.urls",
                () -> Backends.url() + ",http://127.0.0.1:" + secondPort);
    }

    /** Starts the second instance (again, on the same port), healthy. */
    private static synchronized void startSecond() {
        if (second == null || !second.isRunning()) {
            second = new WireMockServer(options().bindAddress("127.0.0.1").port(secondPort));
            second.start();
            secondPort = second.port();
        }
        second.resetAll();
        second.stubFor(get(urlPathEqualTo("/orders")).atPriority(10).willReturn(Backends.json(Backends.ORDERS_JSON)));
        second.stubFor(get(urlPathEqualTo("/")).atPriority(10).willReturn(aResponse().withStatus(404)));
    }

    @BeforeEach
    void bothInstancesHealthy() {
        startSecond();
        await().atMost(Duration.ofSeconds(5)).until(() -> healthy() == 2);
        Backends.server().resetRequests();
        second.resetRequests();
    }

    @AfterAll
    static void stopSecond() {
        second.stop();
    }

    private double healthy() {
        Gauge gauge = meters.find("mosaic.source.instances").tag("source", "orders").tag("state", "healthy").gauge();
        return gauge == null ? -1 : gauge.value();
    }

    private int secondOrders() {
        return second.countRequestsMatching(anyRequestedFor(urlPathEqualTo("/orders")).build()).getCount();
    }

    private int firstOrders() {
        return Backends.count("/orders");
    }

    private void dashboardsStayComplete(int n) {
        for (int i = 0; i < n; i++) {
            client.get().uri("/dashboard/" + freshUser()).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-Dashboard-Complete", "true");
        }
    }

    @Test
    void spreadsOrdersOverBothInstances() {
        dashboardsStayComplete(10);

        assertThat(firstOrders()).isEqualTo(5);
        assertThat(secondOrders()).isEqualTo(5);
    }

    @Test
    void anInstanceThatRefusesConnectionsIsEjectedAndDashboardsStayComplete() {
        second.stop();

        dashboardsStayComplete(20);

        assertThat(healthy()).isEqualTo(1);
        assertThat(meters.find("mosaic.source.instances").tag("source", "orders").tag("state", "healthy")
                .gauge()).isNotNull();
        assertThat(firstOrders()).as("every dashboard's orders came from the first instance").isEqualTo(20);
    }

    @Test
    void trafficReturnsToTheInstanceOnceItsHealthCheckPasses() {
        second.stop();
        dashboardsStayComplete(6);
        await().atMost(Duration.ofSeconds(3)).until(() -> healthy() == 1);

        startSecond();
        await().atMost(Duration.ofSeconds(3)).until(() -> healthy() == 2);
        dashboardsStayComplete(10);

        assertThat(secondOrders()).isEqualTo(5);
    }

    @Test
    void anInstanceThatResetsConnectionsIsEjectedWithinAFewCalls() {
        second.stubFor(get(anyUrl()).atPriority(1).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        dashboardsStayComplete(20);

        assertThat(secondOrders()).as("calls that reached the resetting instance").isLessThanOrEqualTo(4);
        await().atMost(Duration.ofSeconds(3)).until(() -> healthy() == 1);
        assertThat(meters.find("mosaic.source.instance.ejections").tag("source", "orders")
                .tag("instance", "127.0.0.1:" + secondPort).counters()).isNotEmpty();
    }

    @Test
    void anInstanceAnswering503IsEjectedAndEachRetryGoesToTheOtherOne() {
        second.stubFor(get(urlPathMatching("/.*")).atPriority(1).willReturn(aResponse().withStatus(503)));

        dashboardsStayComplete(20);

        assertThat(secondOrders()).isLessThanOrEqualTo(4);
        assertThat(firstOrders()).isEqualTo(20);
    }

    @Test
    void aSourceWithOneUrlHasNoBalancer() {
        assertThat(balancers.of("user")).isNull();
        assertThat(balancers.of("orders")).isNotNull();
        assertThat(meters.find("mosaic.source.instances").tag("source", "user").gauges()).isEmpty();
    }
}

package dev.mosaic.loadtest.chaos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chaos driver against a WireMock server that plays the stub control plane's chaos API. */
class ChaosDriverTests {

    private final WireMockServer controlPlane = new WireMockServer(options().dynamicPort());
    private final HttpClient http = HttpClient.newHttpClient();
    private ControlPlane control;

    @BeforeEach
    void start() {
        controlPlane.start();
        controlPlane.stubFor(post("/chaos/reset").willReturn(okJson("{}")));
        controlPlane.stubFor(put("/chaos/orders").willReturn(okJson("{\"errorRate\":0.5}")));
        controlPlane.stubFor(delete("/chaos/orders").willReturn(okJson("{\"errorRate\":0.0}")));
        control = ControlPlane.at(http, URI.create(controlPlane.baseUrl()));
    }

    @AfterEach
    void stop() {
        controlPlane.stop();
    }

    @Test
    void makesEachCallAtItsOffsetAndRecordsWhen() {
        Clock clock = Clock.systemUTC();
        long start = clock.millis();
        ChaosSchedule schedule = ChaosSchedule.ofSteps(List.of(
                ChaosStep.reset(Duration.ZERO),
                ChaosStep.inject(Duration.ofMillis(300), "orders", Map.of("errorRate", 0.5)),
                ChaosStep.clear(Duration.ofMillis(600), "orders")));

        ChaosDriver driver = ChaosDriver.start(schedule, control, clock, start);
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.applied().size() == 3);
        List<AppliedChaos> applied = driver.finish();

        assertThat(applied).extracting(a -> a.step().action()).containsExactly(
                ChaosStep.Action.RESET, ChaosStep.Action.INJECT, ChaosStep.Action.CLEAR);
        assertThat(applied).allMatch(AppliedChaos::succeeded);
        assertThat(applied.get(1).atEpochMs() - start).isGreaterThanOrEqualTo(300);
        assertThat(applied.get(2).atEpochMs() - start).isGreaterThanOrEqualTo(600);
        assertThat(applied.get(1).response()).contains("0.5");
        controlPlane.verify(putRequestedFor(urlEqualTo("/chaos/orders")).withRequestBody(equalToJson("{\"errorRate\":0.5}")));
    }

    @Test
    void restartsPartsOneAfterTheOtherAndRecordsWhenEachWasStoppedAndReady() {
        Clock clock = Clock.systemUTC();
        List<String> restarted = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
        Restarts restarts = part -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            restarted.add(part);
            running.decrementAndGet();
            return new Restarts.Result(!part.equals("gateway-2"), part + " is healthy");
        };
        ChaosSchedule schedule = ChaosSchedule.of(java.util.Optional.of(dev.mosaic.loadtest.experiment.Fault.rollingRestart(
                List.of("composer-1", "gateway-2"))), dev.mosaic.loadtest.experiment.Phases.of(Duration.ofSeconds(10)));

        ChaosDriver driver = ChaosDriver.start(schedule, control, clock, clock.millis() - 2_500, restarts);
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.applied().size() == 5);
        List<AppliedChaos> applied = driver.finish();

        assertThat(restarted).containsExactly("composer-1", "gateway-2");
        assertThat(overlaps).hasValue(0);
        assertThat(applied).extracting(a -> a.step().describe()).containsExactly("POST /chaos/reset",
                "SIGTERM composer-1", "composer-1 ready", "SIGTERM gateway-2", "gateway-2 ready");
        assertThat(applied.get(4).succeeded()).as("a restart that failed says so").isFalse();
    }

    @Test
    void clearsAFaultStillInForceWhenTheRunEndsEarly() {
        Clock clock = Clock.systemUTC();
        ChaosSchedule schedule = ChaosSchedule.ofSteps(List.of(
                ChaosStep.inject(Duration.ZERO, "orders", Map.of("errorRate", 0.5)),
                ChaosStep.clear(Duration.ofMinutes(10), "orders")));

        ChaosDriver driver = ChaosDriver.start(schedule, control, clock, clock.millis());
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.applied().size() == 1);
        List<AppliedChaos> applied = driver.finish();

        assertThat(applied).extracting(a -> a.step().action())
                .containsExactly(ChaosStep.Action.INJECT, ChaosStep.Action.CLEAR);
        controlPlane.verify(deleteRequestedFor(urlEqualTo("/chaos/orders")));
    }

    @Test
    void recordsARefusedChangeWithItsStatus() {
        controlPlane.stubFor(put("/chaos/orders").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"detail\":\"errorRate out of range\"}")));

        AppliedChaos applied = control.apply(ChaosStep.inject(Duration.ZERO, "orders", Map.of("errorRate", 2)), 42);

        assertThat(applied.succeeded()).isFalse();
        assertThat(applied.status()).isEqualTo(400);
        assertThat(applied.response()).contains("out of range");
        assertThat(applied.atEpochMs()).isEqualTo(42);
    }

    @Test
    void recordsAnUnreachableControlPlaneInsteadOfFailingTheRun() {
        ControlPlane nowhere = ControlPlane.at(http, URI.create("http://127.0.0.1:" + freePort()));

        AppliedChaos applied = nowhere.apply(ChaosStep.reset(Duration.ZERO), 1);

        assertThat(applied.status()).isZero();
        assertThat(applied.succeeded()).isFalse();
        assertThat(nowhere.events()).isEmpty();
    }

    @Test
    void readsTheControlPlanesEventLog() {
        controlPlane.stubFor(get("/chaos/events").willReturn(okJson("""
                {"events":[{"sequence":1,"at":"2026-01-01T00:00:10Z","service":"orders","action":"UPDATE","settings":{}},
                           {"sequence":2,"at":"2026-01-01T00:00:20Z","service":"orders","action":"CLEAR","settings":{}}]}""")));

        assertThat(control.events()).hasSize(2)
                .extracting(e -> e.get("action").stringValue()).containsExactly("UPDATE", "CLEAR");
    }

    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

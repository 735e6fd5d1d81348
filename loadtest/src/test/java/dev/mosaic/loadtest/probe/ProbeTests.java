package dev.mosaic.loadtest.probe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe against WireMock servers that serve the three parts' Prometheus endpoints. */
class ProbeTests {

    private final WireMockServer composer = new WireMockServer(options().dynamicPort());
    private final WireMockServer stubs = new WireMockServer(options().dynamicPort());
    private final WireMockServer gateway = new WireMockServer(options().dynamicPort());
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        composer.start();
        stubs.start();
        gateway.start();
        serve(composer, """
                resilience4j_circuitbreaker_state{name="recommendations",state="open"} 1.0
                resilience4j_circuitbreaker_state{name="recommendations",state="closed"} 0.0
                resilience4j_circuitbreaker_state{name="user",state="closed"} 1.0
                process_files_open_files 31.0
                """);
        serve(stubs, """
                mosaic_stubs_requests_total{service="user",chaos="none"} 10.0
                mosaic_stubs_requests_total{service="orders",chaos="none"} 7.0
                mosaic_stubs_requests_total{service="orders",chaos="error"} 7.0
                mosaic_stubs_requests_total{service="recommendations",chaos="none"} 3.0
                """);
        serve(gateway, "process_files_open_files 45.0\n");
    }

    @AfterEach
    void stop() {
        composer.stop();
        stubs.stop();
        gateway.stop();
    }

    private static void serve(WireMockServer server, String body) {
        server.stubFor(get("/actuator/prometheus").willReturn(aResponse()
                .withHeader("Content-Type", "text/plain;version=0.0.4").withBody(body)));
    }

    /** Generous scrape timeouts: these tests are about what is read, not how fast (CI machines are busy). */
    private Probe probe(WireMockServer stubServer) {
        Duration timeout = Duration.ofSeconds(10);
        return Probe.of(MetricsEndpoint.actuator(http, URI.create(composer.baseUrl()), timeout),
                MetricsEndpoint.actuator(http, URI.create(stubServer.baseUrl()), timeout),
                MetricsEndpoint.actuator(http, URI.create(gateway.baseUrl()), timeout), Clock.systemUTC());
    }

    @Test
    void readsCircuitStatesBackendCountsAndOpenFiles() {
        ProbeSample sample = probe(stubs).sampleOnce();

        assertThat(sample.circuits()).containsEntry("recommendations", CircuitState.OPEN)
                .containsEntry("user", CircuitState.CLOSED).doesNotContainKey("orders");
        assertThat(sample.backendCalls()).containsEntry("user", 10.0).containsEntry("orders", 14.0)
                .containsEntry("recommendations", 3.0);
        assertThat(sample.composerOpenFiles()).isEqualTo(31.0);
        assertThat(sample.gatewayOpenFiles()).isEqualTo(45.0);
    }

    @Test
    void stillReadsTheCounterUnderItsFirstPlannedName() {
        serve(stubs, "mosaic_stub_requests_total{service=\"orders\"} 5.0\n");

        assertThat(probe(stubs).sampleOnce().backendCalls()).containsOnly(java.util.Map.entry("orders", 5.0));
    }

    @Test
    void reportsBackendCountsAsAbsentWhenTheStubsDoNotExportThem() {
        serve(stubs, "jvm_threads_live_threads 20.0\n");

        assertThat(probe(stubs).sampleOnce().backendCalls()).isEmpty();
    }

    @Test
    void anUnreachableOrFailingEndpointGivesAnEmptySampleNotAnError() {
        composer.stubFor(get("/actuator/prometheus").willReturn(aResponse().withStatus(500)));
        Probe probe = probe(stubs);
        gateway.stop();

        ProbeSample sample = probe.sampleOnce();

        assertThat(sample.circuits()).isEmpty();
        assertThat(sample.gatewayOpenFiles()).isNull();
        assertThat(sample.backendCalls()).isNotEmpty();
    }

    @Test
    void samplesOnItsOwnThreadAtTheIntervalUntilStopped() {
        Probe probe = probe(stubs);

        probe.start(Duration.ofMillis(100));
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.samples().size() >= 3);
        List<ProbeSample> samples = probe.stop();
        int stoppedAt = samples.size();

        assertThat(samples).isSortedAccordingTo(java.util.Comparator.comparingLong(ProbeSample::atEpochMs));
        assertThat(samples).allSatisfy(s -> assertThat(s.circuits()).containsEntry("recommendations", CircuitState.OPEN));
        assertThat(probe.samples()).hasSize(stoppedAt);
    }
}

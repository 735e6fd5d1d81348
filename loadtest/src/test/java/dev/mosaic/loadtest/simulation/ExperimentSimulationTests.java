package dev.mosaic.loadtest.simulation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mosaic.loadtest.report.SummaryWriter;
import dev.mosaic.loadtest.run.ExperimentRun;
import io.gatling.app.Gatling$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import dev.mosaic.loadtest.experiment.Experiments;
import dev.mosaic.loadtest.experiment.Traffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * One real, short Gatling run of a simulation (10 s at 5 req/s), in-process, against a WireMock
 * server that plays every part the suite talks to: the gateway's dashboard, the identity provider,
 * the chaos API and the three Prometheus endpoints. It proves the glue no unit test reaches: the
 * checks that read headers and {@code meta.sections.*.reason}, the recording step, the chaos calls at
 * their times, the probe, and the report files. No Mosaic stack is involved.
 */
class ExperimentSimulationTests {

    private static final List<String> KEYS = List.of("experiment", "duration", "rate", "users", "gateway-url",
            "control-url", "composer-management-url", "gateway-management-url", "report-dir");

    private final WireMockServer everything = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        everything.start();
        everything.stubFor(post("/token").willReturn(okJson("{\"access_token\":\"jwt-test\",\"expires_in\":3600}")));
        everything.stubFor(post("/chaos/reset").willReturn(okJson("{}")));
        everything.stubFor(put("/chaos/recommendations").willReturn(okJson("{\"down\":true}")));
        everything.stubFor(delete("/chaos/recommendations").willReturn(okJson("{\"down\":false}")));
        everything.stubFor(get("/chaos/events").willReturn(okJson("{\"events\":[{\"sequence\":1,\"action\":\"RESET\"}]}")));
        everything.stubFor(get("/actuator/prometheus").willReturn(aResponse().withHeader("Content-Type", "text/plain")
                .withBody("""
                        resilience4j_circuitbreaker_state{name="recommendations",state="open"} 1.0
                        resilience4j_circuitbreaker_state{name="recommendations",state="closed"} 0.0
                        mosaic_stubs_requests_total{service="recommendations",chaos="none"} 7.0
                        process_files_open_files 20.0
                        """)));
        everything.stubFor(get(urlPathMatching("/api/dashboard/u-[0-9]+"))
                .withHeader("Authorization", matching("Bearer jwt-test"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Dashboard-Complete", "false")
                        .withHeader("X-Degraded-Sections", "recommendations")
                        .withBody("""
                                {"userId":"u-1","meta":{"complete":false,"sections":{
                                  "user":{"status":"OK","source":"LIVE"},
                                  "recommendations":{"status":"DEGRADED","source":"FALLBACK","reason":"CIRCUIT_OPEN"}}}}
                                """)));
    }

    private void compositionAnswers(String path) {
        everything.stubFor(get(urlPathMatching(path + "u-[0-9]+"))
                .withHeader("Authorization", matching("Bearer jwt-test"))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("X-Composition-Complete", "false")
                        .withHeader("X-Degraded-Sections", "orders")
                        .withBody("""
                                {"userId":"u-1","meta":{"complete":false,"sections":{
                                  "orders":{"status":"DEGRADED","source":"FALLBACK","reason":"TIMEOUT"}}}}
                                """)));
    }

    private JsonNode run(String experiment, Class<?> simulation, Path dir) throws Exception {
        return run(experiment, simulation, dir, "10s");
    }

    private JsonNode run(String experiment, Class<?> simulation, Path dir, String duration) throws Exception {
        Path report = dir.resolve("report");
        Map<String, String> settings = Map.of("experiment", experiment, "duration", duration, "rate", "5",
                "users", "3", "gateway-url", everything.baseUrl(), "control-url", everything.baseUrl(),
                "composer-management-url", everything.baseUrl(), "gateway-management-url", everything.baseUrl(),
                "report-dir", report.toString());
        settings.forEach((k, v) -> System.setProperty("mosaic.loadtest." + k, v));
        Gatling$.MODULE$.fromArgs(new String[] {"-s", simulation.getName(), "-rf", dir.resolve("gatling").toString(),
                "-nr"});
        return SummaryWriter.mapper().readTree(Files.readString(report.resolve(SummaryWriter.JSON)));
    }

    @Test
    void anABRunAsksForEachArmsPathInItsHalfAndReadsEitherCompletenessHeader(@TempDir Path dir) throws Exception {
        compositionAnswers(Experiments.HEDGED_DASHBOARD);
        everything.stubFor(put("/chaos/orders").willReturn(okJson("{}")));
        everything.stubFor(delete("/chaos/orders").willReturn(okJson("{}")));

        JsonNode summary = run("stragglers", StragglersSimulation.class, dir);

        JsonNode windows = summary.get("windows");
        JsonNode first = windows.get("fault-first-half (" + Traffic.DASHBOARD + ")");
        JsonNode second = windows.get("fault-second-half (" + Experiments.HEDGED_DASHBOARD + ")");
        assertThat(first.get("count").longValue()).isPositive();
        assertThat(second.get("count").longValue()).isPositive();
        // the dashboard says X-Dashboard-Complete, every other composition X-Composition-Complete
        assertThat(first.get("degradedRate").doubleValue()).isEqualTo(1.0);
        assertThat(second.get("degradedRate").doubleValue()).isEqualTo(1.0);
        assertThat(summary.get("sectionReasons").get("orders").get("TIMEOUT").longValue())
                .isGreaterThanOrEqualTo(second.get("count").longValue());
        everything.verify(getRequestedFor(urlPathMatching(Experiments.HEDGED_DASHBOARD + "u-[0-9]+")));
    }

    @Test
    void aBurstSendsItsRequestsForOneUserAloneInTheFaultWindow(@TempDir Path dir) throws Exception {
        everything.stubFor(put("/chaos/orders").willReturn(okJson("{}")));
        everything.stubFor(delete("/chaos/orders").willReturn(okJson("{}")));

        // 20 s: the fault from 5 s to 13 s, the burst 4 s into it
        JsonNode summary = run("thundering-herd", ThunderingHerdSimulation.class, dir, "20s");

        // the burst is the only traffic of the settled fault window, which its SLOs count (the warm-up's
        // last arrival may fall just inside the fault; a loaded machine may push the burst's tail past it)
        everything.verify(1_000, getRequestedFor(urlEqualTo("/api/dashboard/" + Experiments.HERD_USER)));
        assertThat(summary.get("windows").get("fault-settled").get("count").longValue()).isPositive()
                .isLessThanOrEqualTo(1_000);
        assertThat(summary.get("overall").get("count").longValue()).isGreaterThan(1_000);
    }

    @AfterEach
    void stop() {
        everything.stop();
        KEYS.forEach(k -> System.clearProperty("mosaic.loadtest." + k));
    }

    @Test
    void aRunRecordsEveryResponseCallsTheChaosApiOnTimeAndWritesItsReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        Map<String, String> settings = Map.of("experiment", "recommendations-outage", "duration", "10s", "rate", "5",
                "users", "3", "gateway-url", everything.baseUrl(), "control-url", everything.baseUrl(),
                "composer-management-url", everything.baseUrl(), "gateway-management-url", everything.baseUrl(),
                "report-dir", report.toString());
        settings.forEach((k, v) -> System.setProperty("mosaic.loadtest." + k, v));

        int exit = Gatling$.MODULE$.fromArgs(new String[] {"-s", RecommendationsOutageSimulation.class.getName(),
                "-rf", dir.resolve("gatling").toString(), "-nr"});

        assertThat(exit).isZero();
        JsonNode summary = SummaryWriter.mapper().readTree(Files.readString(report.resolve(SummaryWriter.JSON)));
        long count = summary.get("overall").get("count").longValue();
        assertThat(count).isBetween(45L, 55L);
        assertThat(summary.get("overall").get("degradedRate").doubleValue()).isEqualTo(1.0);
        assertThat(summary.get("sectionReasons").get("recommendations").get("CIRCUIT_OPEN").longValue()).isEqualTo(count);
        assertThat(summary.get("sectionReasons").has("user")).isFalse();
        assertThat(summary.get("backendCalls").get("available").booleanValue()).isTrue();
        assertThat(summary.get("controlPlaneEvents")).hasSize(1);

        JsonNode events = summary.get("chaosEvents");
        assertThat(events).hasSize(3);
        assertThat(events.get(1).get("call").stringValue()).isEqualTo("PUT /chaos/recommendations {down=true}");
        assertThat(events.get(1).get("atSec").doubleValue()).isBetween(2.5, 3.5);
        assertThat(events.get(2).get("atSec").doubleValue()).isBetween(6.5, 7.5);
        everything.verify(putRequestedFor(urlEqualTo("/chaos/recommendations")).withRequestBody(equalToJson("{\"down\":true}")));
        everything.verify(deleteRequestedFor(urlEqualTo("/chaos/recommendations")));
        everything.verify(3, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo("/token")));
        everything.verify(getRequestedFor(urlEqualTo("/chaos/events")));

        // the breaker was "open" throughout, so CLOSED -> OPEN -> CLOSED was never seen: the run fails, saying so
        assertThat(summary.get("passed").booleanValue()).isFalse();
        assertThat(summary.get("circuits").get("recommendations").get("sequence").get(0).stringValue()).isEqualTo("OPEN");
        assertThat(Files.readString(report.resolve(ExperimentRun.VERDICT)))
                .startsWith("FAIL\n").contains("circuit recommendations goes CLOSED -> OPEN -> CLOSED");
        assertThat(report.resolve(SummaryWriter.MARKDOWN)).exists();
        assertThat(report.resolve(SummaryWriter.CHART)).exists();
    }
}

package dev.mosaic.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mosaic.loadtest.RunFixtures;
import dev.mosaic.loadtest.chaos.AppliedChaos;
import dev.mosaic.loadtest.chaos.ChaosStep;
import dev.mosaic.loadtest.experiment.Experiment;
import dev.mosaic.loadtest.experiment.Experiments;
import dev.mosaic.loadtest.experiment.RunSettings;
import dev.mosaic.loadtest.probe.CircuitState;
import dev.mosaic.loadtest.slo.RunData;
import dev.mosaic.loadtest.slo.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SummaryWriterTests {

    private final Experiment experiment = Experiments.recommendationsOutage();
    private final RunSettings settings = RunSettings.from(Map.of("mosaic.loadtest.experiment", "recommendations-outage",
            "mosaic.loadtest.duration", "40s", "mosaic.loadtest.rate", "10"));
    private final RunData run = RunFixtures.outage();
    private final List<AppliedChaos> applied = List.of(
            new AppliedChaos(RunFixtures.START + 5, ChaosStep.reset(Duration.ZERO), 200, "{}"),
            new AppliedChaos(RunFixtures.START + 10_010, ChaosStep.inject(Duration.ofSeconds(10), "recommendations",
                    Map.of("down", true)), 200, "{\"down\":true}"),
            new AppliedChaos(RunFixtures.START + 26_020, ChaosStep.clear(Duration.ofSeconds(26), "recommendations"), 200,
                    "{\"down\":false}"));

    private Summary summary() {
        return SummaryBuilder.build(experiment, settings, run, applied, List.of());
    }

    @Test
    void summarisesFiguresPerWindowBackendCallsAndTransitions() {
        Summary s = summary();

        assertThat(s.passed()).isTrue();
        assertThat(s.overall().count()).isEqualTo(400);
        assertThat(s.windows().get("fault").degradedRate()).isEqualTo(1.0);
        assertThat(s.windows().get("recovery-tail").degradedRate()).isZero();
        assertThat(s.backendCalls().available()).isTrue();
        assertThat(s.backendCalls().perDashboardDuringFault()).containsEntry("orders", 1.0);
        assertThat(s.circuits().get("recommendations").transitions()).extracting(Summary.TransitionLine::to)
                .containsExactly(CircuitState.OPEN, CircuitState.CLOSED);
        assertThat(s.chaosEvents()).extracting(Summary.EventLine::atSec).containsExactly(0.0, 10.0, 26.0);
        assertThat(s.timeline()).hasSize(40);
        assertThat(s.sectionReasons()).containsOnlyKeys("recommendations");
        assertThat(s.sectionReasons().get("recommendations")).containsEntry("UPSTREAM_ERROR", 20L)
                .containsEntry("CIRCUIT_OPEN", 160L);
    }

    @Test
    void writesJsonThatReadsBackMarkdownAndChart(@TempDir Path dir) throws Exception {
        SummaryWriter.write(summary(), run.circuits().values(), dir);

        JsonNode json = SummaryWriter.mapper().readTree(Files.readString(dir.resolve(SummaryWriter.JSON)));
        assertThat(json.get("experiment").stringValue()).isEqualTo("recommendations-outage");
        assertThat(json.get("passed").booleanValue()).isTrue();
        assertThat(json.get("overall").get("p99").longValue()).isEqualTo(39);
        assertThat(json.get("slos")).hasSize(experiment.slos().size());
        assertThat(json.get("chaosEvents").get(1).get("call").stringValue()).isEqualTo("PUT /chaos/recommendations {down=true}");

        String md = Files.readString(dir.resolve(SummaryWriter.MARKDOWN));
        assertThat(md).startsWith("# recommendations-outage: SLOs met")
                .contains(experiment.hypothesis())
                .contains("| overall | 400 |")
                .contains("recommendations {CIRCUIT_OPEN=160, UPSTREAM_ERROR=20}")
                .contains("`PUT /chaos/recommendations {down=true}` -> 200")
                .contains("CLOSED->OPEN at 12.5 s")
                .contains("HALF_OPEN lasted less than the probe interval")
                .contains("![timeline](timeline.svg)");

        assertThat(Files.readString(dir.resolve(SummaryWriter.CHART))).startsWith("<svg");
    }

    @Test
    void saysBackendCountsAreUnavailableWhenTheStubsDoNotExportThem() {
        RunData noCounters = new RunData(run.phases(), run.startEpochMs(), run.requests(), List.of(), run.circuits());

        Summary s = SummaryBuilder.build(Experiments.flakyOrders(), settings, noCounters, applied, List.of());

        assertThat(s.backendCalls().available()).isFalse();
        assertThat(s.backendCalls().note()).contains("mosaic_stubs_requests_total");
        assertThat(SummaryWriter.markdown(s)).contains("unavailable: the stub control plane does not export");
        assertThat(s.slos()).filteredOn(r -> r.slo().contains("backend calls per dashboard"))
                .extracting(r -> r.verdict()).containsExactly(Verdict.UNAVAILABLE);
    }

    @Test
    void aFailedObjectiveFailsTheRunAndIsListed() {
        Summary s = SummaryBuilder.build(Experiments.baseline(), settings, run, applied, List.of());

        assertThat(s.passed()).isFalse();
        assertThat(s.failures()).extracting(r -> r.slo()).containsExactly("degraded rate after the first half of warm-up <= 1.0%");
        assertThat(SummaryWriter.markdown(s)).startsWith("# baseline: SLO FAILED");
    }
}

package dev.mosaic.loadtest.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mosaic.loadtest.RunFixtures;
import dev.mosaic.loadtest.experiment.Experiments;
import dev.mosaic.loadtest.experiment.Window;
import dev.mosaic.loadtest.probe.CircuitState;
import dev.mosaic.loadtest.probe.ProbeSample;
import dev.mosaic.loadtest.report.CircuitTimeline;
import dev.mosaic.loadtest.report.RequestRecord;
import org.junit.jupiter.api.Test;

class SloTests {

    private final RunData outage = RunFixtures.outage();

    private static RunData withRequests(RunData run, List<RequestRecord> requests) {
        return new RunData(run.phases(), run.startEpochMs(), requests, run.samples(), run.circuits());
    }

    private static RunData withSamples(RunData run, List<ProbeSample> samples) {
        return new RunData(run.phases(), run.startEpochMs(), run.requests(), samples, run.circuits());
    }

    @Test
    void aTextbookOutageMeetsEveryObjectiveOfTheOutageExperiment() {
        List<SloResult> results = Experiments.recommendationsOutage().slos().stream().map(s -> s.evaluate(outage)).toList();

        assertThat(results).allSatisfy(r -> assertThat(r.verdict()).as(r.slo() + ": " + r.measured()).isEqualTo(Verdict.PASS));
    }

    @Test
    void anOutageThatNeverOpenedTheCircuitFailsTheTransitionObjective() {
        List<ProbeSample> alwaysClosed = outage.samples().stream()
                .map(s -> new ProbeSample(s.atEpochMs(), Map.of("recommendations", CircuitState.CLOSED), s.backendCalls(),
                        s.composerOpenFiles(), s.gatewayOpenFiles()))
                .toList();
        RunData run = new RunData(outage.phases(), outage.startEpochMs(), outage.requests(), alwaysClosed,
                Map.of("recommendations", CircuitTimeline.fromSamples("recommendations", alwaysClosed, outage.startEpochMs())));

        SloResult result = Slo.circuitPassesThrough("recommendations",
                List.of(CircuitState.CLOSED, CircuitState.OPEN, CircuitState.CLOSED)).evaluate(run);

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.measured()).contains("[CLOSED]");
    }

    @Test
    void judgesTransitionsFromResponsesWhenMetricsAreMissing() {
        SloResult result = Slo.circuitPassesThrough("recommendations",
                List.of(CircuitState.CLOSED, CircuitState.OPEN, CircuitState.CLOSED)).evaluate(RunFixtures.outageWithoutMetrics());

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.measured()).contains(CircuitTimeline.FROM_RESPONSES);
    }

    @Test
    void latencyObjectiveFailsWhenTheTailIsSlow() {
        List<RequestRecord> slow = new ArrayList<>(outage.requests());
        slow.replaceAll(r -> new RequestRecord(r.startEpochMs(), r.latencyMs() + 1_000, r.status(), r.complete(),
                r.degradedSections(), r.reasons(), r.contentType(), r.retryAfter()));

        SloResult result = Slo.latencyBelow(Window.FAULT, 99, 1_000).evaluate(withRequests(outage, slow));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.measured()).startsWith("p99 = 1015 ms");
    }

    @Test
    void aWindowWithoutRequestsFailsRatherThanPassingSilently() {
        SloResult result = Slo.errorRateAtMost(Window.FAULT, 0.01).evaluate(withRequests(outage, List.of()));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.measured()).contains("no requests during fault");
    }

    @Test
    void no5xxCountsMissingAnswersToo() {
        List<RequestRecord> requests = new ArrayList<>(outage.requests());
        requests.add(RequestRecord.error(RunFixtures.START + 15_000, 10_000, 0, null, null));

        SloResult result = Slo.no5xx(Window.STEADY).evaluate(withRequests(outage, requests));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.measured()).startsWith("1 of");
    }

    @Test
    void refusalsMustBeProblemJsonWithRetryAfter() {
        List<RequestRecord> requests = List.of(
                RequestRecord.error(RunFixtures.START + 11_000, 20, 503, "application/problem+json", "5"),
                RequestRecord.error(RunFixtures.START + 12_000, 20, 503, "application/problem+json", null),
                RequestRecord.error(RunFixtures.START + 13_000, 20, 429, "text/html", "1"));

        SloResult result = Slo.refusalsWellFormed(Window.ALL).evaluate(withRequests(outage, requests));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.measured()).isEqualTo("1 not problem+json, 1 without Retry-After, of 3 refusals [429, 503]");
    }

    @Test
    void backendAmplificationIsMeasuredFromTheStubCounters() {
        assertThat(Slo.backendCallsPerDashboardAtMost("orders", Window.FAULT, 1.5).evaluate(outage).measured())
                .isEqualTo("160 calls / 160 dashboards = 1.00");

        List<ProbeSample> doubled = outage.samples().stream()
                .map(s -> new ProbeSample(s.atEpochMs(), s.circuits(), Map.of("orders", s.backendCalls().get("orders") * 2),
                        null, null))
                .toList();
        assertThat(Slo.backendCallsPerDashboardAtMost("orders", Window.FAULT, 1.5).evaluate(withSamples(outage, doubled))
                .verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void backendAmplificationIsUnavailableNotFailedWithoutCounters() {
        SloResult result = Slo.backendCallsPerDashboardAtMost("orders", Window.FAULT, 1.5)
                .evaluate(withSamples(outage, List.of()));

        assertThat(result.verdict()).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(result.failed()).isFalse();
        assertThat(result.measured()).contains("mosaic_stubs_requests_total");
    }

    @Test
    void connectionPileUpComparesOpenFilesBeforeTheFaultWithTheEnd() {
        assertThat(Slo.noConnectionPileUp(10).evaluate(outage).verdict()).isEqualTo(Verdict.PASS);

        List<ProbeSample> leaking = outage.samples().stream()
                .map(s -> new ProbeSample(s.atEpochMs(), s.circuits(), s.backendCalls(),
                        40.0 + (s.atEpochMs() - RunFixtures.START) / 100.0, null))
                .toList();
        SloResult result = Slo.noConnectionPileUp(10).evaluate(withSamples(outage, leaking));
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.measured()).startsWith("composer");

        assertThat(Slo.noConnectionPileUp(10).evaluate(withSamples(outage, List.of())).verdict())
                .isEqualTo(Verdict.UNAVAILABLE);
    }

    @Test
    void onlyTheFaultySectionMayDegrade() {
        List<RequestRecord> requests = new ArrayList<>(outage.requests());
        requests.add(RequestRecord.degraded(RunFixtures.START + 15_000, 10, Map.of("orders", "TIMEOUT")));

        assertThat(Slo.onlySectionDegraded(Window.FAULT, "recommendations").evaluate(outage).verdict())
                .isEqualTo(Verdict.PASS);
        SloResult result = Slo.onlySectionDegraded(Window.FAULT, "recommendations").evaluate(withRequests(outage, requests));
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.measured()).isEqualTo("also degraded: [orders TIMEOUT]");
    }

    @Test
    void sheddingObjectivesLookOnlyAtRefusals() {
        List<RequestRecord> requests = new ArrayList<>(outage.requests());
        for (int i = 0; i < 100; i++) {
            requests.add(RequestRecord.error(RunFixtures.START + 14_000 + i, 3, 429, "application/problem+json", "1"));
        }
        RunData run = withRequests(outage, requests);

        assertThat(Slo.shedRateAtLeast(Window.FAULT_SETTLED, 0.1).evaluate(run).verdict()).isEqualTo(Verdict.PASS);
        assertThat(Slo.shedRateAtLeast(Window.FAULT_SETTLED, 0.1).evaluate(outage).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(Slo.refusalLatencyBelow(Window.FAULT, 250).evaluate(run).measured()).isEqualTo("p99 = 3 ms over 100 refusals");
        assertThat(Slo.statusesWithin(Window.ALL, List.of(200, 429, 503), 0.0).evaluate(run).verdict()).isEqualTo(Verdict.PASS);
        assertThat(Slo.statusesWithin(Window.ALL, List.of(200, 503), 0.0).evaluate(run).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aPathThatNeverRanIsReportedAsUnavailable() {
        SloResult result = Slo.statusSeen(Window.FAULT, 503, "every user came from the cache").evaluate(outage);

        assertThat(result.verdict()).isEqualTo(Verdict.UNAVAILABLE);
        assertThat(result.measured()).isEqualTo("every user came from the cache");
    }

    @Test
    void anABComparisonJudgesOneHalfOfTheFaultAgainstTheOther() {
        // fault 10 s to 26 s: first half 10–18 s at 400 ms, second half 18–26 s at 100 ms
        List<RequestRecord> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 160; i++) {
            long at = RunFixtures.START + 10_000 + i * 100L;
            requests.add(RequestRecord.ok(at, at < RunFixtures.START + 18_000 ? 400 : 100));
        }
        RunData ab = withRequests(outage, requests);

        SloResult halved = Slo.latencyRatioAtMost(Window.FAULT_SECOND_HALF, Window.FAULT_FIRST_HALF, 99, 0.5)
                .evaluate(ab);
        SloResult notAFifth = Slo.latencyRatioAtMost(Window.FAULT_SECOND_HALF, Window.FAULT_FIRST_HALF, 99, 0.2)
                .evaluate(ab);

        assertThat(halved.verdict()).isEqualTo(Verdict.PASS);
        assertThat(halved.measured()).isEqualTo("100 ms (80 requests) against 400 ms (80 requests): 0.25 x");
        assertThat(notAFifth.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void backendCallsAreReadAtTheWindowsEdgesNotAtTheNearestSamples() {
        // the counters grow by 10 a second, sampled at x.5 s: the fault (10–26 s) saw 160 calls
        assertThat(outage.backendCallsIn("orders", Window.FAULT)).hasValue(160.0);
        assertThat(outage.backendCallsIn("orders", Window.FAULT_FIRST_HALF)).hasValue(80.0);
        assertThat(outage.backendCallsIn("orders", Window.FAULT_SECOND_HALF)).hasValue(80.0);

        assertThat(Slo.backendCallsAtMost("orders", Window.FAULT, 160).evaluate(outage).verdict())
                .isEqualTo(Verdict.PASS);
        SloResult tooMany = Slo.backendCallsAtMost("orders", Window.FAULT, 10).evaluate(outage);
        assertThat(tooMany.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(tooMany.measured()).isEqualTo("160 calls for 160 dashboards");
        assertThat(Slo.backendCallsAtMost("orders", Window.FAULT, 10).evaluate(withSamples(outage, List.of()))
                .verdict()).isEqualTo(Verdict.UNAVAILABLE);
    }

    @Test
    void goodputCountsOnlyTimelyCompleteAnswersPerSecondAgainstTheCapacity() {
        // fault 10–26 s; first half: 10/s answered in 2 s (too late); second half: 10/s in 30 ms, 5/s refused,
        // 5/s answered at once but degraded
        List<RequestRecord> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) {
            requests.add(RequestRecord.ok(RunFixtures.START + 10_000 + i * 100L, 2_000));
            requests.add(RequestRecord.ok(RunFixtures.START + 18_000 + i * 100L, 30));
            if (i % 2 == 0) {
                requests.add(RequestRecord.error(RunFixtures.START + 18_000 + i * 100L, 5, 503,
                        "application/problem+json", "1"));
                requests.add(RequestRecord.degraded(RunFixtures.START + 18_000 + i * 100L, 5,
                        Map.of("orders", "CIRCUIT_OPEN")));
            }
        }
        RunData run = new RunData(outage.phases(), outage.startEpochMs(), requests, outage.samples(),
                outage.circuits(), 12);

        assertThat(run.goodputIn(Window.FAULT_SECOND_HALF, 1_100)).isEqualTo(10.0);
        assertThat(run.goodputIn(Window.FAULT_FIRST_HALF, 1_100)).isZero();
        SloResult enough = Slo.goodputAtLeastShareOfCapacity(Window.FAULT_SECOND_HALF, 0.8, 1_100).evaluate(run);
        assertThat(enough.verdict()).isEqualTo(Verdict.PASS);
        assertThat(enough.measured()).isEqualTo("10/s of a capacity of 12/s (83%)");
        assertThat(Slo.goodputAtLeastShareOfCapacity(Window.FAULT_SECOND_HALF, 0.9, 1_100).evaluate(run).verdict())
                .isEqualTo(Verdict.FAIL);
    }

    @Test
    void theServedLatencyComparisonJudgesOnlyTheAnswersAndPassesWhenTheControlServedNothing() {
        // fault 10–26 s: first half 10/s served in 50 ms and 10/s refused in 400 ms (refusals do not count),
        // second half 10/s served in 700 ms
        List<RequestRecord> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) {
            requests.add(RequestRecord.ok(RunFixtures.START + 10_000 + i * 100L, 50));
            requests.add(RequestRecord.error(RunFixtures.START + 10_000 + i * 100L, 400, 503,
                    "application/problem+json", "1"));
            requests.add(RequestRecord.ok(RunFixtures.START + 18_000 + i * 100L, 700));
        }
        RunData queued = withRequests(outage, requests);

        SloResult bounded = Slo.servedLatencyAtMostThatOf(Window.FAULT_FIRST_HALF, Window.FAULT_SECOND_HALF, 99, 1_100)
                .evaluate(queued);
        assertThat(bounded.verdict()).isEqualTo(Verdict.PASS);
        assertThat(bounded.measured()).isEqualTo("50 ms (80 served) against 700 ms (80 served); goodput 10/s against 10/s");
        assertThat(Slo.servedLatencyAtMostThatOf(Window.FAULT_SECOND_HALF, Window.FAULT_FIRST_HALF, 99, 1_100)
                .evaluate(queued).verdict()).isEqualTo(Verdict.FAIL);

        List<RequestRecord> timedOut = new java.util.ArrayList<>();
        for (int i = 0; i < 80; i++) {
            timedOut.add(RequestRecord.ok(RunFixtures.START + 10_000 + i * 100L, 50));
            timedOut.add(RequestRecord.error(RunFixtures.START + 18_000 + i * 100L, 10_000, 0, null, null));
        }
        SloResult nothingServed = Slo.servedLatencyAtMostThatOf(Window.FAULT_FIRST_HALF, Window.FAULT_SECOND_HALF, 99,
                1_100).evaluate(withRequests(outage, timedOut));
        assertThat(nothingServed.verdict()).isEqualTo(Verdict.PASS);
        assertThat(nothingServed.measured())
                .isEqualTo("50 ms against nothing served during fault-second-half; goodput 10/s against 0/s");
        assertThat(Slo.servedLatencyAtMostThatOf(Window.FAULT_SECOND_HALF, Window.FAULT_FIRST_HALF, 99, 1_100)
                .evaluate(withRequests(outage, timedOut)).verdict()).isEqualTo(Verdict.FAIL);
    }
}

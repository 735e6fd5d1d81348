package dev.mosaic.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mosaic.loadtest.experiment.Phases;
import dev.mosaic.loadtest.probe.CircuitState;
import dev.mosaic.loadtest.probe.ProbeSample;
import dev.mosaic.loadtest.report.CircuitTimeline;
import dev.mosaic.loadtest.report.RequestRecord;
import dev.mosaic.loadtest.slo.RunData;

/**
 * Synthetic runs for the unit tests: what a recommendations outage looks like to the suite, second
 * by second, without a stack.
 */
public final class RunFixtures {

    /** 40 s run: fault at 10 s, cleared at 26 s. */
    public static final Phases PHASES = Phases.of(Duration.ofSeconds(40));
    public static final long START = 1_700_000_000_000L;

    private RunFixtures() {
    }

    /**
     * Ten requests a second. Healthy (30 ms, complete) outside the fault; during it, recommendations
     * degrade (first 2 s UPSTREAM_ERROR, then CIRCUIT_OPEN) at 15 ms; the breaker is OPEN from 12 s
     * to 28 s per the probe; backend counters grow by 10/s for user and orders, recommendations stop
     * while the breaker is open.
     */
    public static RunData outage() {
        List<RequestRecord> requests = new ArrayList<>();
        List<ProbeSample> samples = new ArrayList<>();
        double user = 0;
        double orders = 0;
        double recs = 0;
        for (int second = 0; second < 40; second++) {
            for (int i = 0; i < 10; i++) {
                long at = START + second * 1000L + i * 100L;
                if (second >= 10 && second < 28) {
                    String reason = second < 12 ? "UPSTREAM_ERROR" : "CIRCUIT_OPEN";
                    requests.add(RequestRecord.degraded(at, 15, Map.of("recommendations", reason)));
                } else {
                    requests.add(RequestRecord.ok(at, 30 + i));
                }
            }
            user += 10;
            orders += 10;
            recs += second >= 12 && second < 28 ? 0 : 10;
            CircuitState state = second >= 12 && second < 28 ? CircuitState.OPEN : CircuitState.CLOSED;
            samples.add(new ProbeSample(START + second * 1000L + 500,
                    Map.of("recommendations", state, "user", CircuitState.CLOSED),
                    Map.of("user", user, "orders", orders, "recommendations", recs), 40.0 + (second % 3), 60.0));
        }
        Map<String, CircuitTimeline> circuits = Map.of("recommendations",
                CircuitTimeline.fromSamples("recommendations", samples, START));
        return new RunData(PHASES, START, requests, samples, circuits);
    }

    /** The same requests with no probe data at all (metrics unreachable). */
    public static RunData outageWithoutMetrics() {
        RunData full = outage();
        return new RunData(PHASES, START, full.requests(), List.of(),
                Map.of("recommendations", CircuitTimeline.fromResponses("recommendations", full.requests(), START)));
    }
}

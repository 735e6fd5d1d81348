package dev.mosaic.loadtest.slo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mosaic.loadtest.experiment.Phases;
import dev.mosaic.loadtest.experiment.Window;
import dev.mosaic.loadtest.probe.ProbeSample;
import dev.mosaic.loadtest.report.CircuitTimeline;
import dev.mosaic.loadtest.report.LatencyStats;
import dev.mosaic.loadtest.report.RequestRecord;

/**
 * Everything one run observed, which SLOs are judged on.
 *
 * @param phases       the run's timeline
 * @param startEpochMs when the run started; every offset is from here
 * @param requests     every dashboard request
 * @param samples      the probe's samples
 * @param circuits     circuit timelines by circuit name
 */
public record RunData(Phases phases, long startEpochMs, List<RequestRecord> requests, List<ProbeSample> samples,
        Map<String, CircuitTimeline> circuits) {

    public RunData {
        requests = List.copyOf(requests);
        samples = List.copyOf(samples);
        circuits = Map.copyOf(circuits);
    }

    /** The requests sent during {@code window}. */
    public List<RequestRecord> requestsIn(Window window) {
        return requests.stream().filter(r -> window.contains(r.startEpochMs() - startEpochMs, phases)).toList();
    }

    /** The figures of the requests sent during {@code window}. */
    public LatencyStats statsIn(Window window) {
        return LatencyStats.of(requestsIn(window));
    }

    /**
     * Calls the stubs counted for {@code service} during {@code window}: the counter's last value in
     * the window less its last value before it. Empty when the stubs do not export the counter.
     */
    public Optional<Double> backendCallsIn(String service, Window window) {
        List<ProbeSample> withCounter = samples.stream().filter(s -> s.backendCalls().containsKey(service)).toList();
        List<ProbeSample> inside = withCounter.stream()
                .filter(s -> window.contains(s.atEpochMs() - startEpochMs, phases)).toList();
        if (inside.isEmpty()) {
            return Optional.empty();
        }
        long windowStart = inside.get(0).atEpochMs();
        double before = withCounter.stream().filter(s -> s.atEpochMs() < windowStart)
                .reduce((a, b) -> b).orElse(inside.get(0)).backendCalls().get(service);
        double after = inside.get(inside.size() - 1).backendCalls().get(service);
        return Optional.of(Math.max(0, after - before));
    }

    /** Calls the stubs counted for {@code service} over the whole run, or empty when not exported. */
    public Optional<Double> backendCalls(String service) {
        return backendCallsIn(service, Window.ALL);
    }

    /** The timeline of {@code circuit}, if one was built. */
    public Optional<CircuitTimeline> circuit(String circuit) {
        return Optional.ofNullable(circuits.get(circuit));
    }
}

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
 * @param capacity     dashboards per second the stack serves within its SLO (the run's setting), for goodput
 */
public record RunData(Phases phases, long startEpochMs, List<RequestRecord> requests, List<ProbeSample> samples,
        Map<String, CircuitTimeline> circuits, double capacity) {

    /** A run whose capacity does not matter to its SLOs. */
    public RunData(Phases phases, long startEpochMs, List<RequestRecord> requests, List<ProbeSample> samples,
            Map<String, CircuitTimeline> circuits) {
        this(phases, startEpochMs, requests, samples, circuits, 0);
    }

    public RunData {
        requests = List.copyOf(requests);
        samples = List.copyOf(samples);
        circuits = Map.copyOf(circuits);
    }

    /** The requests sent during {@code window}. */
    public List<RequestRecord> requestsIn(Window window) {
        return requests.stream().filter(r -> window.contains(r.startEpochMs() - startEpochMs, phases)).toList();
    }

    /**
     * Goodput: dashboards sent during {@code window} that were answered 200 and complete within {@code withinMs},
     * per second of the window. The window must end before the run does.
     */
    public double goodputIn(Window window, long withinMs) {
        long from = window.from(phases);
        long until = Math.min(window.until(phases), phases.end().toMillis());
        if (until <= from) {
            return 0;
        }
        // a degraded dashboard (a section missing) is an answer, not the one asked for
        long good = requestsIn(window).stream()
                .filter(r -> r.served() && !r.degraded() && r.latencyMs() < withinMs).count();
        return good * 1000.0 / (until - from);
    }

    /** The figures of the requests sent during {@code window}. */
    public LatencyStats statsIn(Window window) {
        return LatencyStats.of(requestsIn(window));
    }

    /**
     * Calls the stubs counted for {@code service} during {@code window}: the counter at the window's
     * end less the counter at its start, each read off the probe's samples by linear interpolation
     * between the two samples around that moment (the counter's first or last value outside them), so
     * that a window is not widened or narrowed by up to a probe interval at each end. Empty when the
     * stubs do not export the counter or no sample falls in the window.
     */
    public Optional<Double> backendCallsIn(String service, Window window) {
        List<ProbeSample> withCounter = samples.stream().filter(s -> s.backendCalls().containsKey(service)).toList();
        boolean sampledInside = withCounter.stream().anyMatch(s -> window.contains(s.atEpochMs() - startEpochMs, phases));
        if (!sampledInside) {
            return Optional.empty();
        }
        long from = startEpochMs + window.from(phases);
        long until = window.until(phases) == Long.MAX_VALUE ? Long.MAX_VALUE : startEpochMs + window.until(phases);
        return Optional.of(Math.max(0, counterAt(withCounter, service, until) - counterAt(withCounter, service, from)));
    }

    private static double counterAt(List<ProbeSample> samples, String service, long epochMs) {
        ProbeSample first = samples.get(0);
        if (epochMs <= first.atEpochMs()) {
            return first.backendCalls().get(service);
        }
        for (int i = 1; i < samples.size(); i++) {
            ProbeSample after = samples.get(i);
            if (epochMs <= after.atEpochMs()) {
                ProbeSample before = samples.get(i - 1);
                double v0 = before.backendCalls().get(service);
                double v1 = after.backendCalls().get(service);
                long span = after.atEpochMs() - before.atEpochMs();
                return span <= 0 ? v1 : v0 + (v1 - v0) * (epochMs - before.atEpochMs()) / span;
            }
        }
        return samples.get(samples.size() - 1).backendCalls().get(service);
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

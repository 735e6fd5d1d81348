package dev.mosaic.loadtest.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.mosaic.loadtest.chaos.AppliedChaos;
import dev.mosaic.loadtest.experiment.Experiment;
import dev.mosaic.loadtest.experiment.RunSettings;
import dev.mosaic.loadtest.experiment.Traffic;
import dev.mosaic.loadtest.experiment.Window;
import dev.mosaic.loadtest.probe.CircuitState;
import dev.mosaic.loadtest.probe.Probe;
import dev.mosaic.loadtest.slo.RunData;
import dev.mosaic.loadtest.slo.SloResult;
import tools.jackson.databind.JsonNode;

/**
 * Turns what a run observed into its {@link Summary}: figures per window, backend counts, chaos
 * events, circuit timelines and the verdict of every SLO.
 *
 * <pre>{@code
 * Summary summary = SummaryBuilder.build(experiment, settings, run, applied, control.events());
 * }</pre>
 */
public final class SummaryBuilder {

    private SummaryBuilder() {
    }

    public static Summary build(Experiment experiment, RunSettings settings, RunData run, List<AppliedChaos> applied,
            List<JsonNode> controlPlaneEvents) {
        List<SloResult> slos = experiment.slos().stream().map(slo -> slo.evaluate(run)).toList();
        boolean passed = slos.stream().noneMatch(SloResult::failed);
        Map<String, LatencyStats> windows = new LinkedHashMap<>();
        for (Window w : List.of(Window.STEADY, Window.WARMUP, Window.FAULT, Window.FAULT_SETTLED, Window.RECOVERY, Window.RECOVERY_TAIL)) {
            windows.put(w.label(), run.statsIn(w));
        }
        if (experiment.traffic().routing() instanceof Traffic.Halves halves) {
            // an A/B run: each half of the fault window asked for one path only
            windows.put(Window.FAULT_FIRST_HALF.label() + " (" + halves.first() + ")", run.statsIn(Window.FAULT_FIRST_HALF));
            windows.put(Window.FAULT_SECOND_HALF.label() + " (" + halves.second() + ")", run.statsIn(Window.FAULT_SECOND_HALF));
        }
        Map<String, Summary.CircuitSummary> circuits = new TreeMap<>();
        run.circuits().forEach((name, timeline) -> circuits.put(name, new Summary.CircuitSummary(timeline.source(),
                timeline.sequence(),
                timeline.transitions().stream()
                        .map(t -> new Summary.TransitionLine(seconds(t.offsetMs()), t.from(), t.to())).toList(),
                timeline.sequence().contains(CircuitState.HALF_OPEN))));
        List<Summary.EventLine> events = applied.stream()
                .map(a -> new Summary.EventLine(seconds(a.atEpochMs() - run.startEpochMs()),
                        Instant.ofEpochMilli(a.atEpochMs()).toString(), a.step().describe(), a.status(),
                        abbreviate(a.response())))
                .toList();
        var phases = run.phases();
        return new Summary(experiment.name(), experiment.hypothesis(), passed,
                Instant.ofEpochMilli(run.startEpochMs()).toString(), settingsOf(experiment, settings),
                new Summary.PhaseTimes(seconds(phases.faultAt().toMillis()), seconds(phases.clearAt().toMillis()),
                        seconds(phases.end().toMillis())),
                LatencyStats.of(run.requests()), windows, sectionReasons(run.requests()), backendCalls(run), events,
                controlPlaneEvents, circuits, slos,
                SecondBucket.of(run.requests(), run.startEpochMs()));
    }

    private static Map<String, Object> settingsOf(Experiment experiment, RunSettings s) {
        Map<String, Object> settings = new LinkedHashMap<>();
        var load = experiment.loadFor(s);
        settings.put("rate", load.baseRate());
        settings.put("faultWindowRate", load.faultRate());
        settings.put("clients", load.clients());
        settings.put("durationSec", s.duration().toMillis() / 1000.0);
        settings.put("smoke", s.smoke());
        settings.put("gatewayUrl", s.gatewayUrl().toString());
        settings.put("controlUrl", s.controlUrl().toString());
        settings.put("composerManagementUrl", s.composerManagementUrl().toString());
        settings.put("gatewayManagementUrl", s.gatewayManagementUrl().toString());
        settings.put("probeIntervalMs", s.probeInterval().toMillis());
        settings.put("capacity", s.capacity());
        experiment.fault().ifPresent(f -> settings.put("fault", f.instance() == null
                ? Map.of("service", f.service(), "settings", f.settings())
                : Map.of("service", f.service(), "instance", f.instance(), "settings", f.settings())));
        if (experiment.traffic().routing() instanceof Traffic.Halves halves) {
            settings.put("comparing", List.of(halves.first(), halves.second()));
        }
        return settings;
    }

    private static Map<String, Map<String, Long>> sectionReasons(List<RequestRecord> requests) {
        Map<String, Map<String, Long>> reasons = new TreeMap<>();
        for (RequestRecord r : requests) {
            r.reasons().forEach((section, reason) ->
                    reasons.computeIfAbsent(section, k -> new TreeMap<>()).merge(reason, 1L, Long::sum));
        }
        return reasons;
    }

    private static Summary.BackendCalls backendCalls(RunData run) {
        Map<String, Double> total = new TreeMap<>();
        Map<String, Double> fault = new TreeMap<>();
        Map<String, Double> perDashboard = new TreeMap<>();
        long dashboardsInFault = run.requestsIn(Window.FAULT).size();
        for (String service : Probe.SERVICES) {
            run.backendCalls(service).ifPresent(v -> total.put(service, v));
            run.backendCallsIn(service, Window.FAULT).ifPresent(v -> {
                fault.put(service, v);
                if (dashboardsInFault > 0) {
                    perDashboard.put(service, Math.round(v / dashboardsInFault * 100) / 100.0);
                }
            });
        }
        boolean available = !total.isEmpty();
        return new Summary.BackendCalls(available,
                available ? null : "unavailable: the stub control plane does not export " + Probe.STUB_REQUESTS_METRIC,
                total, fault, perDashboard);
    }

    private static double seconds(long millis) {
        return Math.round(millis / 100.0) / 10.0;
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}

package dev.mosaic.loadtest.report;

import java.util.List;
import java.util.Map;

import dev.mosaic.loadtest.probe.CircuitState;
import dev.mosaic.loadtest.slo.SloResult;
import tools.jackson.databind.JsonNode;

/**
 * Everything a run's {@code summary.json} says. Times are seconds from the start of the run unless
 * named {@code at} (ISO-8601 instants).
 *
 * @param experiment         the experiment's name
 * @param hypothesis         its steady-state hypothesis
 * @param passed             whether every SLO was met (unavailable ones do not fail a run)
 * @param startedAt          when the run started
 * @param settings           rate, duration and URLs the run used
 * @param phases             fault and recovery times
 * @param overall            figures of every request
 * @param windows            figures per window (warm-up, fault, recovery, …)
 * @param sectionReasons     per section, how many dashboards gave each {@code meta.sections.*.reason}
 * @param backendCalls       stub request counts, or why they are unavailable
 * @param chaosEvents        chaos API calls the run made, with their times
 * @param controlPlaneEvents the control plane's own {@code GET /chaos/events} log at the end
 * @param circuits           each circuit breaker's timeline summary
 * @param slos               each SLO's verdict
 * @param timeline           per-second figures (the chart's data)
 */
public record Summary(
        String experiment,
        String hypothesis,
        boolean passed,
        String startedAt,
        Map<String, Object> settings,
        PhaseTimes phases,
        LatencyStats overall,
        Map<String, LatencyStats> windows,
        Map<String, Map<String, Long>> sectionReasons,
        BackendCalls backendCalls,
        List<EventLine> chaosEvents,
        List<JsonNode> controlPlaneEvents,
        Map<String, CircuitSummary> circuits,
        List<SloResult> slos,
        List<SecondBucket> timeline) {

    /** @param faultAtSec fault injected; @param clearAtSec fault cleared; @param endSec run length */
    public record PhaseTimes(double faultAtSec, double clearAtSec, double endSec) {
    }

    /**
     * @param available    whether the stubs exported their request counter
     * @param note         why not, when not
     * @param total        calls per service over the run
     * @param duringFault  calls per service while the fault was held
     * @param perDashboardDuringFault calls per service per dashboard request while the fault was held
     */
    public record BackendCalls(boolean available, String note, Map<String, Double> total,
            Map<String, Double> duringFault, Map<String, Double> perDashboardDuringFault) {
    }

    /** @param atSec when; @param at the instant; @param call the HTTP call; @param status its answer; @param detail the answer's body or error */
    public record EventLine(double atSec, String at, String call, int status, String detail) {
    }

    /**
     * @param source           where the states came from (metrics or responses)
     * @param sequence         the states in order, repeats collapsed
     * @param transitions      each change with its time
     * @param halfOpenObserved whether a sample caught HALF_OPEN (a breaker can only close from it,
     *                         but it may last less than the probe interval)
     */
    public record CircuitSummary(String source, List<CircuitState> sequence, List<TransitionLine> transitions,
            boolean halfOpenObserved) {
    }

    /** @param atSec when the new state was first seen; @param from before; @param to after */
    public record TransitionLine(double atSec, CircuitState from, CircuitState to) {
    }

    /** The SLOs that failed. */
    public List<SloResult> failures() {
        return slos.stream().filter(SloResult::failed).toList();
    }
}

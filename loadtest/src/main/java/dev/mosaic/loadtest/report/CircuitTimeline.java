package dev.mosaic.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.mosaic.loadtest.probe.CircuitState;
import dev.mosaic.loadtest.probe.ProbeSample;

/**
 * One circuit breaker's state over a run, second by second, and its transitions.
 *
 * <p>The primary source is the composer's Prometheus gauge, sampled by the probe. When that gauge
 * is missing (older composer, metrics not bound), the state is inferred from the dashboards
 * themselves: a second in which some response named the section {@code CIRCUIT_OPEN} counts as
 * {@code OPEN}, a second in which the section was served live and never refused counts as
 * {@code CLOSED}. The source is recorded so a reader knows which it was.
 *
 * @param circuit the circuit breaker's (and section's) name
 * @param source  {@value #FROM_METRICS} or {@value #FROM_RESPONSES}
 * @param points  the state at each sampled moment, in time order
 */
public record CircuitTimeline(String circuit, String source, List<Point> points) {

    public static final String FROM_METRICS = "composer-prometheus";
    public static final String FROM_RESPONSES = "dashboard-responses";

    public CircuitTimeline {
        points = List.copyOf(points);
    }

    /** The state at {@code offsetMs} after the start of the run. */
    public record Point(long offsetMs, CircuitState state) {
    }

    /** A change of state, at the first sample that showed the new one. */
    public record Transition(long offsetMs, CircuitState from, CircuitState to) {
    }

    /**
     * The timeline of {@code circuit}: from the probe's samples when they carry it, else from the
     * responses.
     */
    public static CircuitTimeline of(String circuit, List<ProbeSample> samples, List<RequestRecord> requests,
            long startEpochMs) {
        boolean metrics = samples.stream().anyMatch(s -> s.circuits().containsKey(circuit));
        return metrics ? fromSamples(circuit, samples, startEpochMs) : fromResponses(circuit, requests, startEpochMs);
    }

    /** The timeline as the composer's metrics told it; a sample without the circuit is {@code UNKNOWN}. */
    public static CircuitTimeline fromSamples(String circuit, List<ProbeSample> samples, long startEpochMs) {
        List<Point> points = samples.stream()
                .map(s -> new Point(s.atEpochMs() - startEpochMs, s.circuits().getOrDefault(circuit, CircuitState.UNKNOWN)))
                .toList();
        return new CircuitTimeline(circuit, FROM_METRICS, points);
    }

    /** The timeline inferred, per second, from the reasons the dashboards gave for {@code section}. */
    public static CircuitTimeline fromResponses(String section, List<RequestRecord> requests, long startEpochMs) {
        Map<Long, List<RequestRecord>> bySecond = new TreeMap<>();
        for (RequestRecord r : requests) {
            long second = Math.floorDiv(r.startEpochMs() - startEpochMs, 1000);
            bySecond.computeIfAbsent(second, k -> new ArrayList<>()).add(r);
        }
        List<Point> points = new ArrayList<>();
        bySecond.forEach((second, inSecond) -> {
            boolean refused = inSecond.stream().anyMatch(r -> r.hasReason(section, "CIRCUIT_OPEN"));
            boolean live = inSecond.stream().anyMatch(r -> r.served() && !r.reasons().containsKey(section));
            CircuitState state = refused ? CircuitState.OPEN : live ? CircuitState.CLOSED : CircuitState.UNKNOWN;
            points.add(new Point(second * 1000, state));
        });
        return new CircuitTimeline(section, FROM_RESPONSES, points);
    }

    /** Each change between known states ({@code UNKNOWN} seconds are skipped, not transitions). */
    public List<Transition> transitions() {
        List<Transition> transitions = new ArrayList<>();
        CircuitState last = null;
        for (Point p : points) {
            if (p.state() == CircuitState.UNKNOWN) {
                continue;
            }
            if (last != null && last != p.state()) {
                transitions.add(new Transition(p.offsetMs(), last, p.state()));
            }
            last = p.state();
        }
        return transitions;
    }

    /** The known states in order with repeats collapsed, e.g. {@code [CLOSED, OPEN, HALF_OPEN, CLOSED]}. */
    public List<CircuitState> sequence() {
        List<CircuitState> sequence = new ArrayList<>();
        for (Point p : points) {
            if (p.state() != CircuitState.UNKNOWN
                    && (sequence.isEmpty() || sequence.get(sequence.size() - 1) != p.state())) {
                sequence.add(p.state());
            }
        }
        return sequence;
    }

    /**
     * Whether the states {@code expected} appear in this order (others may come between), e.g.
     * {@code CLOSED, OPEN, CLOSED} for a breaker that opened and closed again.
     */
    public boolean passesThrough(List<CircuitState> expected) {
        int next = 0;
        for (CircuitState state : sequence()) {
            if (next < expected.size() && state == expected.get(next)) {
                next++;
            }
        }
        return next == expected.size();
    }

    /** Whether any point is known. */
    public boolean known() {
        return points.stream().anyMatch(p -> p.state() != CircuitState.UNKNOWN);
    }
}

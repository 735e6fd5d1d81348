package dev.mosaic.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.mosaic.loadtest.RunFixtures;
import dev.mosaic.loadtest.probe.CircuitState;
import dev.mosaic.loadtest.probe.ProbeSample;
import org.junit.jupiter.api.Test;

class CircuitTimelineTests {

    private static ProbeSample sample(long offsetMs, CircuitState state) {
        Map<String, CircuitState> circuits = state == null ? Map.of() : Map.of("recommendations", state);
        return new ProbeSample(RunFixtures.START + offsetMs, circuits, Map.of(), null, null);
    }

    @Test
    void findsTransitionsInTheProbesSamples() {
        List<ProbeSample> samples = List.of(sample(0, CircuitState.CLOSED), sample(1000, CircuitState.OPEN),
                sample(2000, CircuitState.OPEN), sample(3000, CircuitState.HALF_OPEN), sample(4000, CircuitState.CLOSED));

        CircuitTimeline timeline = CircuitTimeline.of("recommendations", samples, List.of(), RunFixtures.START);

        assertThat(timeline.source()).isEqualTo(CircuitTimeline.FROM_METRICS);
        assertThat(timeline.sequence()).containsExactly(CircuitState.CLOSED, CircuitState.OPEN, CircuitState.HALF_OPEN,
                CircuitState.CLOSED);
        assertThat(timeline.transitions()).containsExactly(
                new CircuitTimeline.Transition(1000, CircuitState.CLOSED, CircuitState.OPEN),
                new CircuitTimeline.Transition(3000, CircuitState.OPEN, CircuitState.HALF_OPEN),
                new CircuitTimeline.Transition(4000, CircuitState.HALF_OPEN, CircuitState.CLOSED));
    }

    @Test
    void aMissedScrapeIsAGapNotATransition() {
        List<ProbeSample> samples = List.of(sample(0, CircuitState.OPEN), sample(1000, null), sample(2000, CircuitState.OPEN));

        CircuitTimeline timeline = CircuitTimeline.fromSamples("recommendations", samples, RunFixtures.START);

        assertThat(timeline.transitions()).isEmpty();
        assertThat(timeline.points()).extracting(CircuitTimeline.Point::state)
                .containsExactly(CircuitState.OPEN, CircuitState.UNKNOWN, CircuitState.OPEN);
    }

    @Test
    void infersTheStateFromResponsesWhenTheComposerExportsNoState() {
        CircuitTimeline timeline = RunFixtures.outageWithoutMetrics().circuit("recommendations").orElseThrow();

        assertThat(timeline.source()).isEqualTo(CircuitTimeline.FROM_RESPONSES);
        // seconds 10-11 degrade with UPSTREAM_ERROR: neither open nor live, so unknown
        assertThat(timeline.sequence()).containsExactly(CircuitState.CLOSED, CircuitState.OPEN, CircuitState.CLOSED);
        assertThat(timeline.transitions()).extracting(CircuitTimeline.Transition::offsetMs).containsExactly(12_000L, 28_000L);
    }

    @Test
    void passesThroughStatesInOrderWithOthersBetween() {
        CircuitTimeline timeline = new CircuitTimeline("r", CircuitTimeline.FROM_METRICS, List.of(
                new CircuitTimeline.Point(0, CircuitState.CLOSED), new CircuitTimeline.Point(1, CircuitState.OPEN),
                new CircuitTimeline.Point(2, CircuitState.HALF_OPEN), new CircuitTimeline.Point(3, CircuitState.CLOSED)));

        assertThat(timeline.passesThrough(List.of(CircuitState.CLOSED, CircuitState.OPEN, CircuitState.CLOSED))).isTrue();
        assertThat(timeline.passesThrough(List.of(CircuitState.OPEN, CircuitState.CLOSED, CircuitState.OPEN))).isFalse();
    }

    @Test
    void usesMetricsWhenAnySampleCarriesTheCircuit() {
        List<ProbeSample> samples = List.of(sample(0, null), sample(1000, CircuitState.CLOSED));
        List<RequestRecord> requests = List.of(RequestRecord.degraded(RunFixtures.START, 5,
                Map.of("recommendations", "CIRCUIT_OPEN")));

        CircuitTimeline timeline = CircuitTimeline.of("recommendations", samples, requests, RunFixtures.START);

        assertThat(timeline.source()).isEqualTo(CircuitTimeline.FROM_METRICS);
        assertThat(timeline.sequence()).containsExactly(CircuitState.CLOSED);
    }
}

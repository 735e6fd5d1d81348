package dev.mosaic.loadtest.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PhasesTests {

    private final Phases phases = Phases.of(Duration.ofSeconds(60));

    @Test
    void splitsARunIntoWarmupFaultAndRecovery() {
        assertThat(phases.faultAt()).isEqualTo(Duration.ofSeconds(15));
        assertThat(phases.clearAt()).isEqualTo(Duration.ofSeconds(39));
        assertThat(phases.warmup().plus(phases.hold()).plus(phases.recovery())).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void placesMomentsInTheirPhase() {
        assertThat(phases.phaseAt(14_999)).isEqualTo(Phases.Phase.WARMUP);
        assertThat(phases.phaseAt(15_000)).isEqualTo(Phases.Phase.FAULT);
        assertThat(phases.phaseAt(38_999)).isEqualTo(Phases.Phase.FAULT);
        assertThat(phases.phaseAt(39_000)).isEqualTo(Phases.Phase.RECOVERY);
    }

    @Test
    void settledWindowsLeaveOutTheTransition() {
        assertThat(Window.FAULT.contains(15_500, phases)).isTrue();
        assertThat(Window.FAULT_SETTLED.contains(15_500, phases)).isFalse();
        assertThat(Window.FAULT_SETTLED.contains(18_000, phases)).isTrue();
        assertThat(Window.FAULT_SETTLED.contains(39_000, phases)).isFalse();
    }

    @Test
    void recoveryTailStartsOnceABreakerCouldHaveClosed() {
        // recovery is 21 s: the tail starts at its half (10.5 s), later than the 7 s grace
        assertThat(Window.RECOVERY_TAIL.contains(39_000 + 10_000, phases)).isFalse();
        assertThat(Window.RECOVERY_TAIL.contains(39_000 + 10_500, phases)).isTrue();
        // a 40 s run recovers for 14 s: the grace (7 s) decides
        Phases smoke = Phases.of(Duration.ofSeconds(40));
        assertThat(Window.RECOVERY_TAIL.contains(26_000 + 6_999, smoke)).isFalse();
        assertThat(Window.RECOVERY_TAIL.contains(26_000 + 7_000, smoke)).isTrue();
    }

    @Test
    void steadyWindowSkipsTheFirstHalfOfTheWarmup() {
        assertThat(Window.STEADY.contains(7_000, phases)).isFalse();
        assertThat(Window.STEADY.contains(7_500, phases)).isTrue();
        assertThat(Window.ALL.contains(0, phases)).isTrue();
    }

    @Test
    void rejectsUnorderedPhases() {
        assertThatThrownBy(() -> new Phases(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ordered");
    }
}

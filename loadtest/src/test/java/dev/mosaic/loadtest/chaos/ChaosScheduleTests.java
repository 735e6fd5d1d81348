package dev.mosaic.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mosaic.loadtest.experiment.Fault;
import dev.mosaic.loadtest.experiment.Phases;
import org.junit.jupiter.api.Test;

class ChaosScheduleTests {

    private final Phases phases = Phases.of(Duration.ofSeconds(40));

    @Test
    void resetsFirstThenInjectsAndClearsAtThePhaseBoundaries() {
        ChaosSchedule schedule = ChaosSchedule.of(
                Optional.of(Fault.of("orders", Map.of("errorRate", 0.5, "errorStatus", 503))), phases);

        assertThat(schedule.steps()).extracting(ChaosStep::action).containsExactly(
                ChaosStep.Action.RESET, ChaosStep.Action.INJECT, ChaosStep.Action.CLEAR);
        assertThat(schedule.steps()).extracting(ChaosStep::offset).containsExactly(
                Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(26));
        assertThat(schedule.steps().get(1).settings()).containsEntry("errorRate", 0.5).containsEntry("errorStatus", 503);
    }

    @Test
    void aRollingRestartRestartsEveryPartInOrderFromTheEndOfTheWarmUpAndClearsNothing() {
        Phases phases = Phases.of(Duration.ofSeconds(60));
        ChaosSchedule schedule = ChaosSchedule.of(Optional.of(Fault.rollingRestart(
                List.of("composer-1", "composer-2", "gateway-1"))), phases);

        assertThat(schedule.steps()).extracting(ChaosStep::describe).containsExactly("POST /chaos/reset",
                "SIGTERM composer-1", "SIGTERM composer-2", "SIGTERM gateway-1");
        assertThat(schedule.steps().subList(1, 4)).allMatch(step -> step.offset().equals(phases.faultAt()));
    }

    @Test
    void keepsExplicitStepsInTimeOrder() {
        ChaosSchedule schedule = ChaosSchedule.ofSteps(List.of(
                ChaosStep.clear(Duration.ofSeconds(9), "user"),
                ChaosStep.inject(Duration.ofSeconds(3), "user", Map.of("latencyMs", 200)),
                ChaosStep.reset(Duration.ZERO)));

        assertThat(schedule.steps()).extracting(ChaosStep::offset)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(3), Duration.ofSeconds(9));
    }

    @Test
    void describesEachStepAsTheHttpCallItMakes() {
        assertThat(ChaosStep.reset(Duration.ZERO).describe()).isEqualTo("POST /chaos/reset");
        assertThat(ChaosStep.inject(Duration.ZERO, "recommendations", Map.of("down", true)).describe())
                .isEqualTo("PUT /chaos/recommendations {down=true}");
        assertThat(ChaosStep.clear(Duration.ZERO, "orders").describe()).isEqualTo("DELETE /chaos/orders");
    }

    @Test
    void aFaultOnOneInstanceIsInjectedAndClearedOnThatInstanceOnly() {
        ChaosSchedule schedule = ChaosSchedule.of(
                Optional.of(Fault.onInstance("orders", 1, Map.of("down", true))), phases);

        assertThat(schedule.steps()).extracting(ChaosStep::describe).containsExactly(
                "POST /chaos/reset", "PUT /chaos/orders?instance=1 {down=true}", "DELETE /chaos/orders?instance=1");
    }
}

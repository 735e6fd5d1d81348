package dev.mosaic.loadtest.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.mosaic.loadtest.experiment.Fault;
import dev.mosaic.loadtest.experiment.Phases;

/**
 * The chaos API calls of one run, in time order: a reset at the start (so a fault left over from an
 * earlier run or a person's experiment does not spoil the baseline), the fault at the end of the
 * warm-up, its removal at the start of the recovery.
 *
 * <pre>{@code
 * ChaosSchedule schedule = ChaosSchedule.of(Optional.of(Fault.of("orders", Map.of("errorRate", 0.5))), phases);
 * }</pre>
 */
public final class ChaosSchedule {

    private final List<ChaosStep> steps;

    private ChaosSchedule(List<ChaosStep> steps) {
        List<ChaosStep> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparing(ChaosStep::offset));
        this.steps = List.copyOf(sorted);
    }

    /** The schedule of an experiment with {@code fault} (or none) over {@code phases}. */
    public static ChaosSchedule of(Optional<Fault> fault, Phases phases) {
        List<ChaosStep> steps = new ArrayList<>();
        steps.add(ChaosStep.reset(Duration.ZERO));
        fault.ifPresent(f -> {
            if (f.isRestart()) {
                // all due at the end of the warm-up: the driver's one thread runs them one after the other
                f.parts().forEach(part -> steps.add(ChaosStep.restart(phases.faultAt(), part)));
                return;
            }
            steps.add(ChaosStep.inject(phases.faultAt(), f.target(), f.settings()));
            steps.add(ChaosStep.clear(phases.clearAt(), f.target()));
        });
        return new ChaosSchedule(steps);
    }

    /** An explicit list of steps (for experiments that need more than one fault). */
    public static ChaosSchedule ofSteps(List<ChaosStep> steps) {
        return new ChaosSchedule(steps);
    }

    /** The steps in time order. */
    public List<ChaosStep> steps() {
        return steps;
    }
}

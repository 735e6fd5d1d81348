package dev.mosaic.loadtest.experiment;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.mosaic.loadtest.chaos.ChaosSchedule;
import dev.mosaic.loadtest.slo.Slo;

/**
 * A named fault experiment: a steady-state hypothesis, the fault that tests it, the load it runs
 * under and the SLOs that decide whether the system held.
 *
 * @param name                 how {@code ./mosaic loadtest <name>} calls it
 * @param hypothesis           what should stay true, in one or two sentences
 * @param fault                the fault injected at the end of the warm-up, if any
 * @param load                 the load profile for a run's settings
 * @param slos                 the objectives; any failure fails the run
 * @param coldUsersDuringFault whether the fault window asks for users the warm-up never asked for,
 *                             so that last-known-good caches cannot answer for them
 * @param traffic              where the requests go, any burst, and the experiment's own defaults
 */
public record Experiment(String name, String hypothesis, Optional<Fault> fault,
        Function<RunSettings, LoadProfile> load, List<Slo> slos, boolean coldUsersDuringFault, Traffic traffic) {

    /** An experiment whose every request asks for the dashboard. */
    public Experiment(String name, String hypothesis, Optional<Fault> fault, Function<RunSettings, LoadProfile> load,
            List<Slo> slos, boolean coldUsersDuringFault) {
        this(name, hypothesis, fault, load, slos, coldUsersDuringFault, Traffic.DASHBOARD_ONLY);
    }

    public Experiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hypothesis, "hypothesis");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(traffic, "traffic");
        slos = List.copyOf(slos);
    }

    /** The chaos API calls of a run with {@code settings}. */
    public ChaosSchedule schedule(RunSettings settings) {
        return ChaosSchedule.of(fault, settings.phases());
    }

    /** The load of a run with {@code settings}. */
    public LoadProfile loadFor(RunSettings settings) {
        return load.apply(settings);
    }
}

package dev.mosaic.loadtest.simulation;

/** The {@code overload} experiment (see {@code Experiments}). */
public class OverloadSimulation extends ExperimentSimulation {

    public OverloadSimulation() {
        super("overload");
    }
}

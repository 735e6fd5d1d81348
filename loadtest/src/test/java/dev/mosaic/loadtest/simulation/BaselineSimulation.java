package dev.mosaic.loadtest.simulation;

/** The {@code baseline} experiment (see {@code Experiments}). */
public class BaselineSimulation extends ExperimentSimulation {

    public BaselineSimulation() {
        super("baseline");
    }
}

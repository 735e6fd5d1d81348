package dev.mosaic.loadtest.simulation;

/** The {@code stragglers} experiment (see {@code Experiments}). */
public class StragglersSimulation extends ExperimentSimulation {

    public StragglersSimulation() {
        super("stragglers");
    }
}

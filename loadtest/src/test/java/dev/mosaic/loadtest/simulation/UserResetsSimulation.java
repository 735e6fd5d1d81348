package dev.mosaic.loadtest.simulation;

/** The {@code user-resets} experiment (see {@code Experiments}). */
public class UserResetsSimulation extends ExperimentSimulation {

    public UserResetsSimulation() {
        super("user-resets");
    }
}

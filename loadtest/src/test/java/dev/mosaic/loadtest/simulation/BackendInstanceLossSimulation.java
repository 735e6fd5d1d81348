package dev.mosaic.loadtest.simulation;

/** {@code backend-instance-loss}: one of two order-service instances down, the other serves. */
public class BackendInstanceLossSimulation extends ExperimentSimulation {

    public BackendInstanceLossSimulation() {
        super("backend-instance-loss");
    }
}

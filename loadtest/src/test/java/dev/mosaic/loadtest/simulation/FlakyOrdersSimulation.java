package dev.mosaic.loadtest.simulation;

/** The {@code flaky-orders} experiment (see {@code Experiments}). */
public class FlakyOrdersSimulation extends ExperimentSimulation {

    public FlakyOrdersSimulation() {
        super("flaky-orders");
    }
}

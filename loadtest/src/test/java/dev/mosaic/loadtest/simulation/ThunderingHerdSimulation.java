package dev.mosaic.loadtest.simulation;

/** The {@code thundering-herd} experiment (see {@code Experiments}). */
public class ThunderingHerdSimulation extends ExperimentSimulation {

    public ThunderingHerdSimulation() {
        super("thundering-herd");
    }
}

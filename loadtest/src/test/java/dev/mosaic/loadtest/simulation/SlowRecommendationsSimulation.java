package dev.mosaic.loadtest.simulation;

/** The {@code slow-recommendations} experiment (see {@code Experiments}). */
public class SlowRecommendationsSimulation extends ExperimentSimulation {

    public SlowRecommendationsSimulation() {
        super("slow-recommendations");
    }
}

package dev.mosaic.loadtest.simulation;

/** The {@code recommendations-outage} experiment (see {@code Experiments}). */
public class RecommendationsOutageSimulation extends ExperimentSimulation {

    public RecommendationsOutageSimulation() {
        super("recommendations-outage");
    }
}

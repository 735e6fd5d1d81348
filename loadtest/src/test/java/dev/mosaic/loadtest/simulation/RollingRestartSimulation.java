package dev.mosaic.loadtest.simulation;

/** {@code rolling-restart}: every gateway and composer of {@code ./mosaic up --replicas 2} restarted under load. */
public class RollingRestartSimulation extends ExperimentSimulation {

    public RollingRestartSimulation() {
        super("rolling-restart");
    }
}

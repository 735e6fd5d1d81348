package dev.mosaic.loadtest.probe;

import java.util.Map;

/**
 * What the probe saw at one moment.
 *
 * @param atEpochMs          when the scrapes were taken
 * @param circuits           composer circuit-breaker states by name (empty when its metrics were unreadable)
 * @param backendCalls       the stubs' request counters by service, cumulative; empty when the stubs
 *                           do not export {@link Probe#STUB_REQUESTS_METRICS}
 * @param composerOpenFiles  the composer's open file descriptors, {@code null} when unknown
 * @param gatewayOpenFiles   the gateway's open file descriptors, {@code null} when unknown
 */
public record ProbeSample(long atEpochMs, Map<String, CircuitState> circuits, Map<String, Double> backendCalls,
        Double composerOpenFiles, Double gatewayOpenFiles) {

    public ProbeSample {
        circuits = Map.copyOf(circuits);
        backendCalls = Map.copyOf(backendCalls);
    }
}

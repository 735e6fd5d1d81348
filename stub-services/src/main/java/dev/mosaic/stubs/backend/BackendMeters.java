package dev.mosaic.stubs.backend;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.chaos.ChaosDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what the backends served, so a load test can check how much chaos it actually got:
 * {@code mosaic.stubs.requests{service, instance, chaos=none|delay|error|fault}} (Prometheus:
 * {@code mosaic_stubs_requests_total}; {@code instance} is 0 … replicas − 1, so a sum over it is the
 * service's count). Counters are created once; counting is one increment.
 */
final class BackendMeters {

    private enum Kind { NONE, DELAY, ERROR, FAULT }

    private final Map<Backend, List<Map<Kind, Counter>>> counters = new EnumMap<>(Backend.class);

    BackendMeters(MeterRegistry registry, int replicas) {
        for (Backend backend : Backend.values()) {
            List<Map<Kind, Counter>> perInstance = new ArrayList<>(replicas);
            for (int i = 0; i < replicas; i++) {
                Map<Kind, Counter> byKind = new EnumMap<>(Kind.class);
                for (Kind kind : Kind.values()) {
                    byKind.put(kind, Counter.builder("mosaic.stubs.requests")
                            .description("Requests served by a stub backend, by the chaos they got")
                            .tag("service", backend.serviceName())
                            .tag("instance", Integer.toString(i))
                            .tag("chaos", kind.name().toLowerCase(Locale.ROOT))
                            .register(registry));
                }
                perInstance.add(byKind);
            }
            counters.put(backend, perInstance);
        }
    }

    void count(Backend backend, int instance, ChaosDecision decision) {
        Kind kind = decision.fault() != null ? Kind.FAULT
                : decision.injectsError() ? Kind.ERROR
                : decision.delayMs() > 0 || decision.dribbleMs() > 0 ? Kind.DELAY
                : Kind.NONE;
        counters.get(backend).get(instance).get(kind).increment();
    }
}

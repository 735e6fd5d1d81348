package dev.mosaic.stubs.backend;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.chaos.ChaosDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what the backends served, so a load test can check how much chaos it actually got:
 * {@code mosaic.stubs.requests{service, chaos=none|delay|error|fault}} (Prometheus:
 * {@code mosaic_stubs_requests_total}). Counters are created once; counting is one increment.
 */
final class BackendMeters {

    private enum Kind { NONE, DELAY, ERROR, FAULT }

    private final Map<Backend, Map<Kind, Counter>> counters = new EnumMap<>(Backend.class);

    BackendMeters(MeterRegistry registry) {
        for (Backend backend : Backend.values()) {
            Map<Kind, Counter> byKind = new EnumMap<>(Kind.class);
            for (Kind kind : Kind.values()) {
                byKind.put(kind, Counter.builder("mosaic.stubs.requests")
                        .description("Requests served by a stub backend, by the chaos they got")
                        .tag("service", backend.serviceName())
                        .tag("chaos", kind.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            counters.put(backend, byKind);
        }
    }

    void count(Backend backend, ChaosDecision decision) {
        Kind kind = decision.fault() != null ? Kind.FAULT
                : decision.injectsError() ? Kind.ERROR
                : decision.delayMs() > 0 || decision.dribbleMs() > 0 ? Kind.DELAY
                : Kind.NONE;
        counters.get(backend).get(kind).increment();
    }
}

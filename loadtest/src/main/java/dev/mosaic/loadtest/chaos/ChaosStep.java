package dev.mosaic.loadtest.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One call to the chaos API at a known offset from the start of the run.
 *
 * @param offset   when, from the start of the run
 * @param action   what to call
 * @param service  the backend ({@code null} for a reset)
 * @param settings the body of a {@link Action#INJECT} (empty otherwise)
 */
public record ChaosStep(Duration offset, Action action, String service, Map<String, Object> settings) {

    /** The chaos API calls a schedule uses. */
    public enum Action {
        /** {@code POST /chaos/reset}: every backend back to normal. */
        RESET,
        /** {@code PUT /chaos/{service}} with the settings. */
        INJECT,
        /** {@code DELETE /chaos/{service}}. */
        CLEAR,
        /** {@code ./mosaic restart <part>}: SIGTERM, wait for the exit, start, wait until ready ({@code service} is the part). */
        RESTART,
        /** Not a call: the moment a restarted part was ready again. */
        READY
    }

    public ChaosStep {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(action, "action");
        if (action != Action.RESET) {
            Objects.requireNonNull(service, "service");
        }
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public static ChaosStep reset(Duration offset) {
        return new ChaosStep(offset, Action.RESET, null, Map.of());
    }

    public static ChaosStep inject(Duration offset, String service, Map<String, Object> settings) {
        return new ChaosStep(offset, Action.INJECT, service, settings);
    }

    public static ChaosStep clear(Duration offset, String service) {
        return new ChaosStep(offset, Action.CLEAR, service, Map.of());
    }

    public static ChaosStep restart(Duration offset, String part) {
        return new ChaosStep(offset, Action.RESTART, part, Map.of());
    }

    public static ChaosStep ready(Duration offset, String part) {
        return new ChaosStep(offset, Action.READY, part, Map.of());
    }

    /** The HTTP call, e.g. {@code PUT /chaos/orders}, or the restart. */
    public String describe() {
        return switch (action) {
            case RESET -> "POST /chaos/reset";
            case INJECT -> "PUT /chaos/" + service + " " + settings;
            case CLEAR -> "DELETE /chaos/" + service;
            case RESTART -> "SIGTERM " + service;
            case READY -> service + " ready";
        };
    }
}

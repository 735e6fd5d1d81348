package dev.mosaic.loadtest.experiment;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fault injected through the chaos API: {@code PUT /chaos/{service}} with {@code settings}.
 *
 * <pre>{@code
 * Fault.of("recommendations", Map.of("down", true))
 * }</pre>
 *
 * @param service  {@code user}, {@code orders} or {@code recommendations}
 * @param settings the chaos settings, as the chaos API's JSON fields
 */
public record Fault(String service, Map<String, Object> settings, Integer instance) {

    public Fault {
        Objects.requireNonNull(service, "service");
        settings = Map.copyOf(settings);
    }

    /** The {@link #service()} of a rolling restart. */
    public static final String RESTART = "restart";

    public static Fault of(String service, Map<String, Object> settings) {
        return new Fault(service, settings, null);
    }

    /** A fault on one instance of a service with several ({@code PUT /chaos/{service}?instance=N}). */
    public static Fault onInstance(String service, int instance, Map<String, Object> settings) {
        return new Fault(service, settings, instance);
    }

    /** What the chaos API's path names after {@code /chaos/}: the service, and the instance when there is one. */
    public String target() {
        return instance == null ? service : service + "?instance=" + instance;
    }

    /**
     * Not a chaos call: every part in {@code parts} (as {@code ./mosaic status} names them) restarted
     * one after the other with {@code ./mosaic restart}, from the end of the warm-up on.
     */
    public static Fault rollingRestart(List<String> parts) {
        return new Fault(RESTART, Map.of("parts", String.join(",", parts)), null);
    }

    /** Whether this is a rolling restart rather than a chaos API call. */
    public boolean isRestart() {
        return RESTART.equals(service) && settings.containsKey("parts");
    }

    /** The parts a rolling restart restarts, in order. */
    public List<String> parts() {
        return isRestart() ? List.of(settings.get("parts").toString().split(",")) : List.of();
    }
}

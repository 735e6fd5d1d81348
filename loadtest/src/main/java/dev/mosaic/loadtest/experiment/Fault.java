package dev.mosaic.loadtest.experiment;

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
}

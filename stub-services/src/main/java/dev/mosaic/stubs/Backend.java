package dev.mosaic.stubs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The three backends that stub-services plays, named as the chaos API names them
 * ({@code PUT /chaos/user}, {@code /chaos/orders}, {@code /chaos/recommendations}).
 */
public enum Backend {

    /** The user service: {@code GET /users/{userId}}. */
    USER("user"),
    /** The order service: {@code GET /orders?userId=..&limit=..}. */
    ORDERS("orders"),
    /** The recommendation service: {@code GET /recommendations?userId=..&limit=..}. */
    RECOMMENDATIONS("recommendations");

    private final String serviceName;

    Backend(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The lower-case name used in URLs, JSON and logs. */
    public String serviceName() {
        return serviceName;
    }

    /** Finds a backend by its service name ({@code user}, {@code orders}, {@code recommendations}). */
    public static Optional<Backend> byServiceName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(b -> b.serviceName.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return serviceName;
    }
}

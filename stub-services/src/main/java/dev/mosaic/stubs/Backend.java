package dev.mosaic.stubs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The backends that stub-services plays, named as the chaos API names them
 * ({@code PUT /chaos/user}, {@code /chaos/orders}, {@code /chaos/recommendations}, {@code /chaos/catalog}).
 * Everything keyed by backend (servers, chaos, meters) iterates {@link #values()}, so a new backend
 * is a new constant plus its routes and port.
 */
public enum Backend {

    /** The user service: {@code GET /users/{userId}}. */
    USER("user"),
    /** The order service: {@code GET /orders?userId=..&limit=..} and {@code GET /orders/{orderId}}. */
    ORDERS("orders"),
    /** The recommendation service: {@code GET /recommendations?userId=..&limit=..}. */
    RECOMMENDATIONS("recommendations"),
    /** The product catalog: {@code GET /products?ids=..} and {@code GET /products/{productId}}. */
    CATALOG("catalog");

    private final String serviceName;

    Backend(String serviceName) {
        this.serviceName = serviceName;
    }

    /** The lower-case name used in URLs, JSON and logs. */
    public String serviceName() {
        return serviceName;
    }

    /** Finds a backend by its service name ({@code user}, {@code orders}, {@code recommendations}, {@code catalog}). */
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

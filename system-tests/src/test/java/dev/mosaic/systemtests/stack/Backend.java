package dev.mosaic.systemtests.stack;

import java.util.List;

/** The four backends, by the name the chaos API, the composer's sources and the breakers use. */
public enum Backend {
    USER("user"), ORDERS("orders"), RECOMMENDATIONS("recommendations"), CATALOG("catalog");

    /** The three a dashboard calls. */
    public static final List<Backend> DASHBOARD = List.of(USER, ORDERS, RECOMMENDATIONS);

    private final String id;

    Backend(String id) {
        this.id = id;
    }

    /** {@code user}, {@code orders}, {@code recommendations} or {@code catalog}. */
    public String id() {
        return id;
    }
}

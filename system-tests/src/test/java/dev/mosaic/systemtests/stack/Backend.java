package dev.mosaic.systemtests.stack;

/** The three backends, by the name the chaos API, the composer's sections and the breakers use. */
public enum Backend {
    USER("user"), ORDERS("orders"), RECOMMENDATIONS("recommendations");

    private final String id;

    Backend(String id) {
        this.id = id;
    }

    /** {@code user}, {@code orders} or {@code recommendations}. */
    public String id() {
        return id;
    }
}

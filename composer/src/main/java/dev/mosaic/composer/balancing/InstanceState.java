package dev.mosaic.composer.balancing;

import java.util.Locale;

/** Where one instance of a source stands: whether it is offered to calls, and why not. */
public enum InstanceState {
    /** Offered to calls. */
    HEALTHY,
    /** Taken out by its own calls (consecutive connect errors, resets or 5xx) until a health check passes. */
    EJECTED,
    /** Taken out because its last health check failed, until one passes. */
    UNHEALTHY;

    /** The metric tag value: {@code healthy}, {@code ejected}, {@code unhealthy}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

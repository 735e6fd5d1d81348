package dev.mosaic.composer.resilience;

/**
 * A call refused by a {@link ConcurrencyLimit}: Mosaic's own overload, never the backend's fault, so
 * neither a circuit-breaker failure nor worth a retry ({@code OVERLOADED}).
 */
public final class ConcurrencyLimitExceededException extends RuntimeException {

    private final transient String limitName;
    private final int limit;

    public ConcurrencyLimitExceededException(String limitName, int limit) {
        super(limitName + " is at its concurrency limit of " + limit, null, false, false);
        this.limitName = limitName;
        this.limit = limit;
    }

    /** Which limit refused the call. */
    public String limitName() {
        return limitName;
    }

    /** The limit when the call was refused. */
    public int limit() {
        return limit;
    }
}

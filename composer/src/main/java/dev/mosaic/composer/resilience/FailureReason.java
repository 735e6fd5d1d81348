package dev.mosaic.composer.resilience;

/** Why a section is not {@code OK} (SPEC reasons; bounded, so also usable as a metric tag). */
public enum FailureReason {
    TIMEOUT,
    CIRCUIT_OPEN,
    BULKHEAD_FULL,
    UPSTREAM_ERROR,
    CONNECT_ERROR,
    BAD_RESPONSE,
    DEADLINE_EXCEEDED,
    RETRY_BUDGET_EXHAUSTED,
    NOT_FOUND,
    /** A section it needs failed (or had no value to give), so it was not called. */
    DEPENDENCY_FAILED,
    /** Shed by a concurrency limit. */
    OVERLOADED
}

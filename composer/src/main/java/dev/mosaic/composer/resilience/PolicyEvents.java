package dev.mosaic.composer.resilience;


/**
 * What a {@link SourcePolicy} tells the outside about its decisions, for metrics: how each attempt
 * that reached the backend ended, and each retry-budget decision. Called on the event loop, so
 * implementations must be cheap and non-blocking.
 */
public interface PolicyEvents {

    /** Ignores everything. */
    PolicyEvents NONE = new PolicyEvents() {
    };

    /** An attempt reached the backend and ended: {@code failure} is null on success. */
    default void attemptEnded(FailureReason failure) {
    }

    /** An attempt that reached the backend was cancelled (the request's deadline, a gone client). */
    default void attemptCancelled() {
    }

    /** The retry budget granted ({@code true}) or denied a retry that the deadline allowed. */
    default void retryBudget(boolean granted) {
    }

    /** What became of a hedge: sent, won (answered first), cancelled (the first attempt won), or denied by its budget. */
    default void hedge(HedgeEvent event) {
    }
}

package dev.mosaic.composer.resilience;

/**
 * One attempt's failure, carrying the call's {@link CallState} to the (shared, stateless) retry
 * decision, which needs the request's deadline and records why it stopped.
 */
public final class AttemptFailedException extends RuntimeException {

    private final transient CallState state;

    AttemptFailedException(Throwable cause, CallState state) {
        super(cause.toString(), cause, false, false);
        this.state = state;
    }

    /** The call this attempt belongs to. */
    public CallState state() {
        return state;
    }
}

package dev.mosaic.composer.resilience;


/**
 * The state of one section call across its attempts: the request's deadline, how many backend
 * calls were made, and why retrying stopped early. Attempts run one after another, never
 * concurrently; the fields are volatile because a retry may resume on another thread.
 */
public final class CallState {

    private final Deadline deadline;
    private volatile int attempts;
    private volatile FailureReason stopReason;
    private volatile boolean hedgeWon;

    public CallState(Deadline deadline) {
        this.deadline = deadline;
    }

    /** The request's deadline. */
    public Deadline deadline() {
        return deadline;
    }

    /** Records that a backend call starts. */
    public void onAttempt() {
        attempts++;
    }

    /** Backend calls made so far. */
    public int attempts() {
        return attempts;
    }

    /** Records why no further retry is made, when that reason outranks the last error's. */
    public void stop(FailureReason reason) {
        this.stopReason = reason;
    }

    /** The reason retrying stopped early, or null. */
    public FailureReason stopReason() {
        return stopReason;
    }

    /** Records that a hedge answered first. */
    public void hedgeWon() {
        this.hedgeWon = true;
    }

    /** Whether the answer came from a hedge. */
    public boolean hedged() {
        return hedgeWon;
    }
}

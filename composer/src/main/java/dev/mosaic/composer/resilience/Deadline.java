package dev.mosaic.composer.resilience;

import java.time.Duration;

/**
 * A point in time by which a request must be answered, on the composer's {@link TimeSource}, the
 * same clock as the timeouts and retry delays, so that {@code StepVerifier.withVirtualTime} drives
 * all of them together.
 */
public final class Deadline {

    private final TimeSource time;
    private final long startMillis;
    private final long deadlineMillis;
    private final long attemptFloorMillis;

    private Deadline(TimeSource time, long startMillis, long deadlineMillis, long attemptFloorMillis) {
        this.time = time;
        this.startMillis = startMillis;
        this.deadlineMillis = deadlineMillis;
        this.attemptFloorMillis = attemptFloorMillis;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget, TimeSource time) {
        return after(budget, Duration.ZERO, time);
    }

    /**
     * A deadline {@code budget} from now, before which no backend attempt starts with less than
     * {@code attemptFloor} left: an attempt that cannot finish only loads the backend.
     */
    public static Deadline after(Duration budget, Duration attemptFloor, TimeSource time) {
        long now = time.millis();
        return new Deadline(time, now, now + budget.toMillis(), attemptFloor.toMillis());
    }

    /** Whether enough time remains to start a backend attempt. */
    public boolean allowsAttempt() {
        long remaining = deadlineMillis - now();
        return remaining > 0 && remaining >= attemptFloorMillis;
    }

    /** The current time in milliseconds on the deadline's clock. */
    public long now() {
        return time.millis();
    }

    /** Milliseconds left, never negative. */
    public long remainingMillis() {
        return Math.max(0, deadlineMillis - now());
    }

    /** Milliseconds since the deadline was set. */
    public long elapsedMillis() {
        return now() - startMillis;
    }

    /** The whole budget in milliseconds. */
    public long budgetMillis() {
        return deadlineMillis - startMillis;
    }
}

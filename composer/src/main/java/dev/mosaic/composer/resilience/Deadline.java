package dev.mosaic.composer.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import reactor.core.scheduler.Schedulers;

/**
 * A point in time by which a request must be answered. Time is read from Reactor's parallel
 * scheduler, the same clock as the timeouts and retry delays, so that {@code StepVerifier.withVirtualTime}
 * drives all of them together.
 */
public final class Deadline {

    private final long startMillis;
    private final long deadlineMillis;

    private Deadline(long startMillis, long deadlineMillis) {
        this.startMillis = startMillis;
        this.deadlineMillis = deadlineMillis;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline after(Duration budget) {
        long now = now();
        return new Deadline(now, now + budget.toMillis());
    }

    /** The current time in milliseconds on the deadline's clock. */
    public static long now() {
        return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
    }

    /** Milliseconds left, never negative. */
    public long remainingMillis() {
        return Math.max(0, deadlineMillis - now());
    }

    /** Milliseconds since the deadline was set. */
    public long elapsedMillis() {
        return now() - startMillis;
    }
}

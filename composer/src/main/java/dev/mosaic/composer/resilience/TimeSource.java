package dev.mosaic.composer.resilience;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The composer's one clock: a Reactor {@link Scheduler} that times deadlines, and whose readings
 * drive the circuit breakers' open-state waits, the caches' ages and every latency. Reactor's own
 * timed operators (timeouts, retry delays) use the parallel scheduler, which this is in production;
 * {@code StepVerifier.withVirtualTime} replaces it, and so all of them at once.
 *
 * @param scheduler the scheduler to read and to schedule on
 */
public record TimeSource(Scheduler scheduler) {

    /** The production clock: Reactor's parallel scheduler, looked up when used. */
    public static TimeSource reactor() {
        return new TimeSource(null);
    }

    private Scheduler current() {
        // null means "whatever Schedulers.parallel() is now", which withVirtualTime may have replaced
        return scheduler != null ? scheduler : Schedulers.parallel();
    }

    /** The scheduler to run timers on. */
    public Scheduler timer() {
        return current();
    }

    /** Now, in milliseconds. */
    public long millis() {
        return current().now(TimeUnit.MILLISECONDS);
    }

    /** Now, in nanoseconds (for Caffeine's ticker). */
    public long nanos() {
        return current().now(TimeUnit.NANOSECONDS);
    }

    /** A {@link Clock} reading this time source (for Resilience4j's circuit breaker). */
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public long millis() {
                return TimeSource.this.millis();
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis());
            }
        };
    }
}

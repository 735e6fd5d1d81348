package dev.mosaic.composer.resilience;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import dev.mosaic.composer.config.SourceProperties;
import reactor.core.scheduler.Schedulers;

/** Policies for unit tests, on Reactor's (possibly virtual) clock. */
final class TestPolicies {

    private TestPolicies() {
    }

    /** Builder-ish knobs with test defaults: 3 attempts, 100 ms backoff without jitter, no min time. */
    record Knobs(int maxAttempts, Duration initialBackoff, double jitter, Duration minAttemptTime,
            double budgetRatio, int budgetReserve, Duration timeout, int window, Duration openWait,
            int maxConcurrent) {

        static Knobs defaults() {
            return new Knobs(3, Duration.ofMillis(100), 0.0, Duration.ZERO, 0.2, 100, Duration.ofMillis(300), 4,
                    Duration.ofSeconds(5), 10);
        }

        Knobs maxAttempts(int n) {
            return new Knobs(n, initialBackoff, jitter, minAttemptTime, budgetRatio, budgetReserve, timeout, window,
                    openWait, maxConcurrent);
        }

        Knobs minAttemptTime(Duration d) {
            return new Knobs(maxAttempts, initialBackoff, jitter, d, budgetRatio, budgetReserve, timeout, window,
                    openWait, maxConcurrent);
        }

        Knobs budget(double ratio, int reserve) {
            return new Knobs(maxAttempts, initialBackoff, jitter, minAttemptTime, ratio, reserve, timeout, window,
                    openWait, maxConcurrent);
        }

        Knobs maxConcurrent(int n) {
            return new Knobs(maxAttempts, initialBackoff, jitter, minAttemptTime, budgetRatio, budgetReserve, timeout,
                    window, openWait, n);
        }

        Knobs timeout(Duration d) {
            return new Knobs(maxAttempts, initialBackoff, jitter, minAttemptTime, budgetRatio, budgetReserve, d,
                    window, openWait, maxConcurrent);
        }

        SourceProperties source() {
            return new SourceProperties(URI.create("http://127.0.0.1:1"), null, timeout,
                    new SourceProperties.Retry(maxAttempts, initialBackoff, 2.0, jitter, Duration.ofSeconds(10),
                            minAttemptTime, new SourceProperties.Budget(budgetRatio, budgetReserve)),
                    new SourceProperties.CircuitBreaker(window, window, 50, openWait, 1),
                    new SourceProperties.Bulkhead(maxConcurrent),
                    new SourceProperties.Cache(Duration.ofMinutes(1), 100));
        }

        SectionPolicy policy() {
            return SectionPolicy.create("test", source(), ResilienceRegistries.ofDefaults(), reactorClock());
        }
    }

    /** A clock reading Reactor's parallel scheduler, which {@code withVirtualTime} replaces. */
    static Clock reactorClock() {
        return new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
            }
        };
    }
}

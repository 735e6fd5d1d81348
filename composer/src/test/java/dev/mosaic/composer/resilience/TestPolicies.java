package dev.mosaic.composer.resilience;

import java.time.Duration;


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

        PolicySettings settings() {
            return new PolicySettings(timeout,
                    new PolicySettings.Retry(maxAttempts, initialBackoff, 2.0, jitter, Duration.ofSeconds(10),
                            minAttemptTime, budgetRatio, budgetReserve),
                    new PolicySettings.Breaker(window, window, 50, openWait, 1), maxConcurrent);
        }

        SourcePolicy policy() {
            return SourcePolicy.create("test", settings(), ResilienceRegistries.ofDefaults(), TimeSource.reactor());
        }
    }

}

package dev.mosaic.composer.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The adaptive concurrency limit's decisions, on virtual time. */
class ConcurrencyLimitTests {

    private static final Duration VERIFY = Duration.ofSeconds(5);

    @Test
    void refusesACallOverTheLimitAtOnceAndAdmitsAgainWhenOneEnds() {
        ConcurrencyLimit limit = ConcurrencyLimit.adaptive("test", new ConcurrencyLimit.Settings(2, 2, 2),
                TimeSource.reactor());
        Disposable first = limit.apply(Mono.never()).subscribe();
        Disposable second = limit.apply(Mono.never()).subscribe();

        StepVerifier.create(limit.apply(Mono.just("third")))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ConcurrencyLimitExceededException.class);
                    assertThat(Failures.classify(e)).isEqualTo(FailureReason.OVERLOADED);
                    assertThat(Failures.isBackendFailure(e)).isFalse();
                    assertThat(Failures.isRetryable(e)).isFalse();
                })
                .verify(VERIFY);
        assertThat(limit.rejected()).isEqualTo(1);
        assertThat(limit.inFlight()).isEqualTo(2);

        first.dispose();   // a cancel gives its permit back
        StepVerifier.create(limit.apply(Mono.just("third"))).expectNext("third").expectComplete().verify(VERIFY);
        second.dispose();
        assertThat(limit.inFlight()).isZero();
    }

    @Test
    void anErrorOrATimeoutGivesItsPermitBack() {
        ConcurrencyLimit limit = ConcurrencyLimit.adaptive("test", new ConcurrencyLimit.Settings(1, 1, 1),
                TimeSource.reactor());

        StepVerifier.create(limit.apply(Mono.error(new IllegalStateException("boom")))).expectError().verify(VERIFY);
        StepVerifier.create(limit.apply(Mono.error(new TimeoutException()))).expectError().verify(VERIFY);
        StepVerifier.create(limit.apply(Mono.empty())).expectComplete().verify(VERIFY);

        assertThat(limit.inFlight()).isZero();
        assertThat(limit.rejected()).isZero();
    }

    @Test
    void growsWhileLatencyHoldsAndShrinksWhenCallsQueue() {
        VirtualTimeScheduler.getOrSet();
        try {
            ConcurrencyLimit limit = ConcurrencyLimit.adaptive("test", new ConcurrencyLimit.Settings(20, 10, 200),
                    TimeSource.reactor());
            // steady: 20 calls at a time of 10 ms each, over and over
            runWaves(limit, 20, Duration.ofMillis(10), 30);
            int grown = limit.limit();
            assertThat(grown).as("latency held, the limit grew").isGreaterThan(20);

            // queueing: the same concurrency suddenly takes 10x as long. Gradient2 cuts at once, then
            // takes the slower latency as the new normal over a few hundred calls
            runWaves(limit, grown, Duration.ofMillis(100), 1);
            assertThat(limit.limit()).as("latency rose, the limit shrank").isLessThan(grown / 2);
            assertThat(limit.limit()).as("never under the minimum").isGreaterThanOrEqualTo(10);
        } finally {
            VirtualTimeScheduler.reset();
        }
    }

    /** {@code waves} times: {@code concurrency} calls of {@code latency} at once (those over the limit are shed). */
    private static void runWaves(ConcurrencyLimit limit, int concurrency, Duration latency, int waves) {
        VirtualTimeScheduler time = VirtualTimeScheduler.get();
        for (int w = 0; w < waves; w++) {
            List<Disposable> calls = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                calls.add(limit.apply(Mono.delay(latency)).onErrorResume(e -> Mono.empty()).subscribe());
            }
            time.advanceTimeBy(latency);
            assertThat(calls).allMatch(Disposable::isDisposed);
        }
    }
}

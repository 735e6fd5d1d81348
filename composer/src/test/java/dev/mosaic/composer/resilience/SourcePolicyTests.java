package dev.mosaic.composer.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.mosaic.composer.client.BackendCallException;
import dev.mosaic.composer.client.RequestSent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The resilience pipeline on virtual time: backoff, deadline, budget, breaker and bulkhead. */
class SourcePolicyTests {

    private static final Duration VERIFY = Duration.ofSeconds(5);

    private final List<Long> attemptTimes = new CopyOnWriteArrayList<>();

    /** An attempt that records when it starts and then fails with {@code failure}. */
    private Mono<String> failingAttempt(CallState state, RuntimeException failure) {
        return Mono.defer(() -> {
            state.onAttempt();
            attemptTimes.add(Schedulers.parallel().now(TimeUnit.MILLISECONDS));
            return Mono.error(failure);
        });
    }

    private static RuntimeException connectError() {
        return BackendCallException.of(BackendCallException.Kind.CONNECT, "refused", null);
    }

    @Test
    void backsOffExponentiallyBetweenRetries() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().maxAttempts(4).policy();
        AtomicReference<CallState> state = new AtomicReference<>();

        StepVerifier.withVirtualTime(() -> {
            state.set(new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor())));
            return policy.decorate(failingAttempt(state.get(), connectError()), state.get());
        })
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectErrorSatisfies(e -> assertThat(Failures.classify(e)).isEqualTo(FailureReason.CONNECT_ERROR))
                .verify(VERIFY);

        long first = attemptTimes.get(0);
        assertThat(attemptTimes).map(t -> t - first).containsExactly(0L, 100L, 300L, 700L);
        assertThat(state.get().attempts()).isEqualTo(4);
    }

    @Test
    void keepsJitteredBackoffWithinItsBounds() {
        DeadlineAwareBackoff backoff = DeadlineAwareBackoff.of(
                io.github.resilience4j.core.IntervalFunction.ofExponentialRandomBackoff(100, 2.0, 0.5, 10_000), 0,
                RetryBudget.tokenBucket(1.0, 100_000));
        CallState state = new CallState(Deadline.after(Duration.ofHours(1), TimeSource.reactor()));
        List<Long> firstWaits = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long first = backoff.next(1, state);
            firstWaits.add(first);
            assertThat(first).isBetween(50L, 150L);
            assertThat(backoff.next(2, state)).isBetween(100L, 300L);
            assertThat(backoff.next(3, state)).isBetween(200L, 600L);
        }
        assertThat(firstWaits.stream().distinct().count()).as("jitter spreads the waits").isGreaterThan(20);
    }

    @Test
    void stopsRetryingWhenTheNextWaitWouldLeaveTooLittleOfTheDeadline() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().maxAttempts(5)
                .minAttemptTime(Duration.ofMillis(100)).policy();
        AtomicReference<CallState> state = new AtomicReference<>();

        StepVerifier.withVirtualTime(() -> {
            state.set(new CallState(Deadline.after(Duration.ofMillis(250), TimeSource.reactor())));
            return policy.decorate(failingAttempt(state.get(), connectError()), state.get());
        })
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectError()
                .verify(VERIFY);

        // t=0 fails; wait 100 leaves 150 >= 100: retry at t=100; wait 200 would leave < 100: stop
        long first = attemptTimes.get(0);
        assertThat(attemptTimes).map(t -> t - first).containsExactly(0L, 100L);
    }

    @Test
    void makesNoRetryWhenTheRemainingTimeIsAlreadyTooShort() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().minAttemptTime(Duration.ofMillis(100)).policy();
        AtomicReference<CallState> state = new AtomicReference<>();

        StepVerifier.withVirtualTime(() -> {
            state.set(new CallState(Deadline.after(Duration.ofMillis(80), TimeSource.reactor())));
            return policy.decorate(failingAttempt(state.get(), connectError()), state.get());
        })
                .expectSubscription()
                .expectError()
                .verify(VERIFY);

        assertThat(state.get().attempts()).isEqualTo(1);
    }

    @Test
    void retriesAPerAttemptTimeout() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().policy();
        AtomicReference<CallState> state = new AtomicReference<>();

        StepVerifier.withVirtualTime(() -> {
            state.set(new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor())));
            Mono<String> hanging = Mono.deferContextual(context -> {
                state.get().onAttempt();
                RequestSent.mark(context);
                return Mono.never();
            });
            return policy.decorate(hanging, state.get());
        })
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(2))
                .expectErrorSatisfies(e -> assertThat(Failures.classify(e)).isEqualTo(FailureReason.TIMEOUT))
                .verify(VERIFY);

        assertThat(state.get().attempts()).isEqualTo(3);
    }

    @Test
    void timesAnAttemptFromWhenItsRequestIsSentNotWhileItWaitsInTheComposer() {
        // the per-attempt timeout is 300 ms: 200 ms waiting for a connection, then an answer 250 ms
        // after the request went out, is a success, and the breaker records no failure
        SourcePolicy policy = TestPolicies.Knobs.defaults().policy();
        CallState state = new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor()));

        StepVerifier.withVirtualTime(() -> policy.decorate(Mono.delay(Duration.ofMillis(200))
                        .flatMap(acquired -> Mono.deferContextual(context -> {
                            state.onAttempt();
                            RequestSent.mark(context);
                            return Mono.delay(Duration.ofMillis(250)).thenReturn("ok");
                        })), state))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(450))
                .expectNext("ok")
                .expectComplete()
                .verify(VERIFY);

        assertThat(state.attempts()).isEqualTo(1);
        assertThat(policy.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void anAttemptNeverSentWithinItsTimeoutIsTheComposersOverloadNotTheBackends() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().policy();
        CallState state = new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor()));

        StepVerifier.withVirtualTime(() -> policy.decorate(Mono.<String>never(), state))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(299))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(e -> assertThat(Failures.classify(e)).isEqualTo(FailureReason.OVERLOADED))
                .verify(VERIFY);

        assertThat(policy.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void anAttemptIsCutItsTimeoutAfterItsRequestIsSent() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().maxAttempts(1).policy();
        CallState state = new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor()));

        StepVerifier.withVirtualTime(() -> policy.decorate(Mono.delay(Duration.ofMillis(200))
                        .flatMap(acquired -> Mono.deferContextual(context -> {
                            state.onAttempt();
                            RequestSent.mark(context);
                            return Mono.<String>never();
                        })), state))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(499))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(e -> assertThat(Failures.classify(e)).isEqualTo(FailureReason.TIMEOUT))
                .verify(VERIFY);

        assertThat(policy.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void neverRetriesClientErrors() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().policy();
        CallState state = new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor()));

        StepVerifier.create(policy.decorate(failingAttempt(state, BackendCallException.status(404)), state))
                .expectErrorSatisfies(e -> assertThat(Failures.classify(e)).isEqualTo(FailureReason.NOT_FOUND))
                .verify(VERIFY);

        assertThat(state.attempts()).isEqualTo(1);
        assertThat(policy.circuitBreaker().getMetrics().getNumberOfFailedCalls())
                .as("a 404 is a healthy answer").isZero();
    }

    @Test
    void neverRetriesAnOpenCircuit() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().policy();
        policy.circuitBreaker().transitionToOpenState();
        CallState state = new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor()));

        StepVerifier.create(policy.decorate(failingAttempt(state, connectError()), state))
                .expectErrorSatisfies(e -> assertThat(Failures.classify(e)).isEqualTo(FailureReason.CIRCUIT_OPEN))
                .verify(VERIFY);

        assertThat(state.attempts()).isZero();
    }

    @Test
    void stopsRetryingWhenTheRetryBudgetIsExhausted() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().budget(0.0, 1).policy();
        AtomicReference<CallState> first = new AtomicReference<>();
        AtomicReference<CallState> second = new AtomicReference<>();

        StepVerifier.withVirtualTime(() -> {
            first.set(new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor())));
            second.set(new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor())));
            return policy.decorate(failingAttempt(first.get(), connectError()), first.get())
                    .onErrorResume(e -> policy.decorate(failingAttempt(second.get(), connectError()), second.get()));
        })
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectError()
                .verify(VERIFY);

        assertThat(first.get().attempts()).as("the one reserve token buys one retry").isEqualTo(2);
        assertThat(first.get().stopReason()).isEqualTo(FailureReason.RETRY_BUDGET_EXHAUSTED);
        assertThat(second.get().attempts()).isEqualTo(1);
        assertThat(second.get().stopReason()).isEqualTo(FailureReason.RETRY_BUDGET_EXHAUSTED);
    }

    @Test
    void opensTheCircuitThenProbesHalfOpenAndClosesOnSuccess() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().maxAttempts(1).policy();
        CircuitBreaker breaker = policy.circuitBreaker();
        List<CircuitBreaker.State> states = new CopyOnWriteArrayList<>();

        StepVerifier.withVirtualTime(() -> {
            Mono<String> failures = Mono.empty();
            for (int i = 0; i < 4; i++) {
                failures = failures.then(policy.decorate(Mono.<String>error(BackendCallException.status(500)),
                        new CallState(Deadline.after(Duration.ofSeconds(1), TimeSource.reactor()))).onErrorResume(e -> Mono.empty()));
            }
            return failures
                    .then(Mono.fromRunnable(() -> states.add(breaker.getState())))
                    .then(policy.decorate(Mono.just("ok"), new CallState(Deadline.after(Duration.ofSeconds(1), TimeSource.reactor())))
                            .onErrorResume(e -> Mono.just(Failures.classify(e).name())))
                    .delayUntil(rejected -> Mono.delay(Duration.ofMillis(5_001)))
                    .flatMap(rejected -> policy.decorate(Mono.just("ok"),
                            new CallState(Deadline.after(Duration.ofSeconds(1), TimeSource.reactor())))
                            .map(probe -> rejected + "," + probe));
        })
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(6))
                .expectNext("CIRCUIT_OPEN,ok")
                .expectComplete()
                .verify(VERIFY);

        assertThat(states).containsExactly(CircuitBreaker.State.OPEN);
        assertThat(breaker.getState()).as("one successful half-open probe closes it")
                .isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void rejectsAtOnceWhenTheBulkheadIsFull() {
        SourcePolicy policy = TestPolicies.Knobs.defaults().maxConcurrent(1).timeout(Duration.ofMinutes(1)).policy();
        Disposable holder = policy.decorate(Mono.never(), new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor())))
                .subscribe();
        try {
            CallState state = new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor()));
            StepVerifier.create(policy.decorate(Mono.just("ok"), state))
                    .expectErrorSatisfies(e -> assertThat(Failures.classify(e)).isEqualTo(FailureReason.BULKHEAD_FULL))
                    .verify(VERIFY);
            assertThat(policy.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
        } finally {
            holder.dispose();
        }
        StepVerifier.create(policy.decorate(Mono.just("ok"), new CallState(Deadline.after(Duration.ofSeconds(10), TimeSource.reactor()))))
                .expectNext("ok")
                .expectComplete()
                .verify(VERIFY);
    }
}

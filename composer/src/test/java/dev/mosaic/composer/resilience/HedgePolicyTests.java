package dev.mosaic.composer.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mosaic.composer.client.BackendCallException;
import dev.mosaic.composer.client.RequestSent;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Delayed, budgeted hedging on virtual time: the hedge timer, the first answer winning and the other
 * cancelled, the budget, the deadline, and the live percentile delay.
 */
class HedgePolicyTests {

    private static final Duration VERIFY = Duration.ofSeconds(5);

    private final List<HedgeEvent> hedgeEvents = new CopyOnWriteArrayList<>();
    private final List<Integer> cancelled = new CopyOnWriteArrayList<>();
    private final PolicyEvents events = new PolicyEvents() {
        @Override
        public void hedge(HedgeEvent event) {
            hedgeEvents.add(event);
        }
    };

    private static HedgePolicy.Settings fixed(long delayMs, double ratio, int reserve) {
        return new HedgePolicy.Settings(Duration.ofMillis(delayMs), 0.95, 50, Duration.ZERO, ratio, reserve);
    }

    private SourcePolicy policy(HedgePolicy.Settings hedge) {
        // 1 s attempt timeout, one attempt only: what is tested is the hedge, not the retry
        return SourcePolicy.create("test", TestPolicies.Knobs.defaults().maxAttempts(1)
                .timeout(Duration.ofSeconds(1)).settings().withHedge(hedge), ResilienceRegistries.ofDefaults(),
                TimeSource.reactor(), events);
    }

    /** Each subscription is one call; the n-th (from 0) answers "call-n" after {@code delaysMs[n]}. */
    private Mono<String> calls(CallState state, AtomicInteger counter, long... delaysMs) {
        return Mono.deferContextual(context -> {
            int n = counter.getAndIncrement();
            state.onAttempt();
            RequestSent.mark(context);
            return Mono.delay(Duration.ofMillis(delaysMs[n])).map(x -> "call-" + n)
                    .doOnCancel(() -> cancelled.add(n));
        });
    }

    private static CallState state(long deadlineMs) {
        return new CallState(Deadline.after(Duration.ofMillis(deadlineMs), TimeSource.reactor()));
    }

    @Test
    void sendsOneHedgeAfterTheDelayAndTheFirstAnswerWins() {
        SourcePolicy policy = policy(fixed(50, 1.0, 10));
        AtomicInteger counter = new AtomicInteger();
        CallState[] state = new CallState[1];

        StepVerifier.withVirtualTime(() -> {
            state[0] = state(900);
            return policy.decorate(calls(state[0], counter, 10_000, 10), state[0]);
        })
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(59))
                .thenAwait(Duration.ofMillis(1))
                .expectNext("call-1")
                .expectComplete()
                .verify(VERIFY);

        assertThat(state[0].attempts()).isEqualTo(2);
        assertThat(state[0].hedged()).isTrue();
        assertThat(cancelled).as("the slow first call was cancelled").containsExactly(0);
        assertThat(hedgeEvents).containsExactly(HedgeEvent.SENT, HedgeEvent.WON);
    }

    @Test
    void sendsNoHedgeWhenTheAttemptAnswersInTime() {
        SourcePolicy policy = policy(fixed(50, 1.0, 10));
        AtomicInteger counter = new AtomicInteger();
        CallState[] state = new CallState[1];

        StepVerifier.withVirtualTime(() -> {
            state[0] = state(900);
            return policy.decorate(calls(state[0], counter, 49, 10), state[0]);
        })
                .expectSubscription()
                .thenAwait(Duration.ofMillis(49))
                .expectNext("call-0")
                .expectComplete()
                .verify(VERIFY);

        assertThat(state[0].attempts()).isEqualTo(1);
        assertThat(state[0].hedged()).isFalse();
        assertThat(hedgeEvents).isEmpty();
    }

    @Test
    void theFirstAttemptMayStillWinAndThenTheHedgeIsCancelled() {
        SourcePolicy policy = policy(fixed(50, 1.0, 10));
        AtomicInteger counter = new AtomicInteger();
        CallState[] state = new CallState[1];

        StepVerifier.withVirtualTime(() -> {
            state[0] = state(900);
            return policy.decorate(calls(state[0], counter, 80, 100), state[0]);
        })
                .expectSubscription()
                .thenAwait(Duration.ofMillis(80))
                .expectNext("call-0")
                .expectComplete()
                .verify(VERIFY);

        assertThat(state[0].hedged()).isFalse();
        assertThat(cancelled).as("the hedge was cancelled").containsExactly(1);
        assertThat(hedgeEvents).containsExactly(HedgeEvent.SENT, HedgeEvent.CANCELLED);
    }

    @Test
    void hedgesOnlyWhatTheBudgetAllows() {
        // no income, one hedge in reserve: the first slow request is hedged, the second is not
        SourcePolicy policy = policy(fixed(50, 0.0, 1));
        for (int request = 0; request < 2; request++) {
            AtomicInteger counter = new AtomicInteger();
            StepVerifier.withVirtualTime(() -> {
                CallState state = state(900);
                return policy.decorate(calls(state, counter, 200, 10), state);
            })
                    .expectSubscription()
                    .thenAwait(Duration.ofMillis(200))
                    .expectNextCount(1)
                    .expectComplete()
                    .verify(VERIFY);
        }

        assertThat(hedgeEvents).containsExactly(HedgeEvent.SENT, HedgeEvent.WON, HedgeEvent.DENIED);
    }

    @Test
    void neverStartsAHedgePastTheDeadline() {
        SourcePolicy policy = policy(fixed(50, 1.0, 10));
        AtomicInteger counter = new AtomicInteger();
        CallState[] state = new CallState[1];

        StepVerifier.withVirtualTime(() -> {
            state[0] = state(40);
            return policy.decorate(calls(state[0], counter, 100, 10), state[0]).timeout(Duration.ofMillis(40));
        })
                .expectSubscription()
                .thenAwait(Duration.ofMillis(100))
                .expectError()
                .verify(VERIFY);

        assertThat(state[0].attempts()).isEqualTo(1);
        assertThat(hedgeEvents).isEmpty();
    }

    @Test
    void anAttemptThatFailsBeforeTheHedgeIsDueFailsAsItIs() {
        SourcePolicy policy = policy(fixed(50, 1.0, 10));
        CallState state = state(900);

        StepVerifier.withVirtualTime(() -> policy.decorate(Mono.delay(Duration.ofMillis(10))
                        .then(Mono.<String>error(BackendCallException.status(503))), state))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(10))
                .expectErrorSatisfies(e -> assertThat(Failures.classify(e)).isEqualTo(FailureReason.UPSTREAM_ERROR))
                .verify(VERIFY);

        assertThat(hedgeEvents).isEmpty();
    }

    @Test
    void onceAHedgeIsOutAFailureWaitsForTheOtherCopy() {
        SourcePolicy policy = policy(fixed(50, 1.0, 10));
        AtomicInteger counter = new AtomicInteger();
        CallState state = state(900);
        // the first call fails at 70 ms, after the hedge went out at 50; the hedge answers at 90
        Mono<String> attempt = Mono.deferContextual(context -> {
            int n = counter.getAndIncrement();
            state.onAttempt();
            RequestSent.mark(context);
            return n == 0 ? Mono.delay(Duration.ofMillis(70)).then(Mono.<String>error(BackendCallException.status(503)))
                    : Mono.delay(Duration.ofMillis(40)).thenReturn("hedge");
        });

        StepVerifier.withVirtualTime(() -> policy.decorate(attempt, state))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(90))
                .expectNext("hedge")
                .expectComplete()
                .verify(VERIFY);

        assertThat(state.hedged()).isTrue();
    }

    @Test
    void theLiveDelayIsThePercentileOfRecentSuccesses() {
        // no fixed delay: before 50 successes there is no live delay (no hedge); 50 calls of 20 ms
        // make the p95 20 ms
        SourcePolicy policy = policy(new HedgePolicy.Settings(null, 0.95, 50, Duration.ZERO, 1.0, 100));
        assertThat(policy.hedge().delayMillis()).isEqualTo(-1);
        for (int i = 0; i < 50; i++) {
            AtomicInteger counter = new AtomicInteger();
            StepVerifier.withVirtualTime(() -> {
                CallState state = state(900);
                return policy.decorate(calls(state, counter, 20), state);
            }).expectSubscription().thenAwait(Duration.ofMillis(20)).expectNextCount(1).expectComplete()
                    .verify(VERIFY);
        }

        assertThat(policy.hedge().delayMillis()).isEqualTo(20);
        assertThat(hedgeEvents).isEmpty();
    }
}

package dev.mosaic.composer.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mosaic.composer.client.BackendCallException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Request coalescing on virtual time: one call, many callers, errors shared, cancels kept apart. */
class CoalescerTests {

    private static final Duration VERIFY = Duration.ofSeconds(5);

    private VirtualTimeScheduler time;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean upstreamCancelled = new AtomicBoolean();

    @BeforeEach
    void virtualTime() {
        time = VirtualTimeScheduler.getOrSet();
    }

    @AfterEach
    void realTime() {
        VirtualTimeScheduler.reset();
    }

    private Mono<String> backend(long delayMs) {
        return Mono.defer(() -> {
            int n = calls.incrementAndGet();
            return Mono.delay(Duration.ofMillis(delayMs)).map(x -> "answer-" + n)
                    .doOnCancel(() -> upstreamCancelled.set(true));
        });
    }

    @Test
    void identicalCallsInFlightShareOneCallAndOneAnswer() {
        Coalescer coalescer = Coalescer.create(Duration.ZERO, 100, TimeSource.reactor());

        Mono<String> first = coalescer.coalesce("/orders?userId=u-1", () -> backend(300)).cache();
        Mono<String> second = coalescer.coalesce("/orders?userId=u-1", () -> backend(300)).cache();
        Mono<String> other = coalescer.coalesce("/orders?userId=u-2", () -> backend(300)).cache();
        first.subscribe();
        time.advanceTimeBy(Duration.ofMillis(100));
        second.subscribe();
        other.subscribe();
        time.advanceTimeBy(Duration.ofMillis(200));

        StepVerifier.create(first).expectNext("answer-1").expectComplete().verify(VERIFY);
        StepVerifier.create(second).expectNext("answer-1").expectComplete().verify(VERIFY);
        time.advanceTimeBy(Duration.ofMillis(100));   // the other key's own call started 100 ms later
        StepVerifier.create(other).expectNext("answer-2").expectComplete().verify(VERIFY);
        assertThat(calls).hasValue(2);
        assertThat(coalescer.coalesced()).isEqualTo(1);
        assertThat(coalescer.inFlight()).isZero();
    }

    @Test
    void anErrorIsSharedToo() {
        Coalescer coalescer = Coalescer.create(Duration.ZERO, 100, TimeSource.reactor());
        Mono<String> failing = Mono.defer(() -> {
            calls.incrementAndGet();
            return Mono.delay(Duration.ofMillis(50)).then(Mono.error(BackendCallException.status(503)));
        });

        Mono<String> a = coalescer.coalesce("k", () -> failing).cache();
        Mono<String> b = coalescer.coalesce("k", () -> failing).cache();
        a.subscribe(v -> { }, e -> { });
        b.subscribe(v -> { }, e -> { });
        time.advanceTimeBy(Duration.ofMillis(50));

        StepVerifier.create(a).expectError(BackendCallException.class).verify(VERIFY);
        StepVerifier.create(b).expectError(BackendCallException.class).verify(VERIFY);
        assertThat(calls).hasValue(1);
        // after the error nothing is kept: the next call goes out again
        StepVerifier.create(coalescer.coalesce("k", () -> backend(10)))
                .then(() -> time.advanceTimeBy(Duration.ofMillis(10)))
                .expectNext("answer-2").expectComplete().verify(VERIFY);
    }

    @Test
    void aCallerThatGoesAwayDoesNotCancelTheOthers() {
        Coalescer coalescer = Coalescer.create(Duration.ZERO, 100, TimeSource.reactor());
        Disposable leaving = coalescer.coalesce("k", () -> backend(300)).subscribe();
        Mono<String> staying = coalescer.coalesce("k", () -> backend(300)).cache();
        staying.subscribe();

        time.advanceTimeBy(Duration.ofMillis(100));
        leaving.dispose();
        time.advanceTimeBy(Duration.ofMillis(200));

        assertThat(upstreamCancelled).isFalse();
        StepVerifier.create(staying).expectNext("answer-1").expectComplete().verify(VERIFY);
        assertThat(calls).hasValue(1);
    }

    @Test
    void whenEveryCallerHasGoneTheCallIsCancelledAndTheNextStartsAfresh() {
        Coalescer coalescer = Coalescer.create(Duration.ZERO, 100, TimeSource.reactor());
        Disposable a = coalescer.coalesce("k", () -> backend(300)).subscribe();
        Disposable b = coalescer.coalesce("k", () -> backend(300)).subscribe();

        a.dispose();
        b.dispose();

        assertThat(upstreamCancelled).isTrue();
        assertThat(coalescer.inFlight()).isZero();
        StepVerifier.create(coalescer.coalesce("k", () -> backend(10)))
                .then(() -> time.advanceTimeBy(Duration.ofMillis(10)))
                .expectNext("answer-2").expectComplete().verify(VERIFY);
    }

    @Test
    void servesAJustArrivedAnswerWithinItsFreshWindow() {
        Coalescer coalescer = Coalescer.create(Duration.ofMillis(100), 100, TimeSource.reactor());
        StepVerifier.create(coalescer.coalesce("k", () -> backend(10)))
                .then(() -> time.advanceTimeBy(Duration.ofMillis(10)))
                .expectNext("answer-1").expectComplete().verify(VERIFY);

        time.advanceTimeBy(Duration.ofMillis(99));
        StepVerifier.create(coalescer.coalesce("k", () -> backend(10))).expectNext("answer-1").expectComplete()
                .verify(VERIFY);
        time.advanceTimeBy(Duration.ofMillis(2));
        StepVerifier.create(coalescer.coalesce("k", () -> backend(10)))
                .then(() -> time.advanceTimeBy(Duration.ofMillis(10)))
                .expectNext("answer-2").expectComplete().verify(VERIFY);
        assertThat(coalescer.servedFresh()).isEqualTo(1);
    }

    @Test
    void beyondMaxKeysACallGoesOutOnItsOwn() {
        Coalescer coalescer = Coalescer.create(Duration.ZERO, 1, TimeSource.reactor());
        coalescer.coalesce("a", () -> backend(100)).subscribe();
        coalescer.coalesce("b", () -> backend(100)).subscribe();
        coalescer.coalesce("b", () -> backend(100)).subscribe();

        assertThat(calls).as("a coalesced; both b calls went out, not tracked").hasValue(3);
        assertThat(coalescer.inFlight()).isEqualTo(1);
        time.advanceTimeBy(Duration.ofMillis(100));
        assertThat(coalescer.inFlight()).isZero();
    }
}

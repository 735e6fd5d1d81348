package dev.mosaic.composer.composition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.mosaic.composer.resilience.FailureReason;
import dev.mosaic.composer.section.SectionOutcome;
import dev.mosaic.composer.section.SectionStatus;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Deadline propagation on virtual time: a client's {@code X-Mosaic-Timeout-Ms} shortens the request's
 * deadline (never lengthens it), every attempt tells its backend how long it will be waited for, and
 * no attempt starts with less than the floor left.
 */
class ClientDeadlineTests {

    private static final Duration VERIFY = Duration.ofSeconds(5);

    private static final String CHAIN = """
            name: chain
            path: /chain/{userId}
            params: { userId: "[a-z0-9-]+" }
            sections:
              user: { source: user, get: "/users/{userId}", required: true }
              orders: { source: orders, get: "/orders?userId={user.id}", select: /orders, type: array }
            """;

    private final EngineHarness harness = new EngineHarness();

    private static SectionOutcome section(Composed composed, String name) {
        return composed.sections().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aClientBudgetShorterThanTheCompositionsIsTheDeadline() {
        harness.backends.answer("/users/u-1", 60_000, "{}");
        CompositionEngine engine = harness.engine(CHAIN);

        StepVerifier.withVirtualTime(() -> engine.compose(
                        EngineHarness.withTimeout(engine, Map.of("userId", "u-1"), Duration.ofMillis(250))))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(249))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(composed -> assertThat(section(composed, "user").reason())
                        .isEqualTo(FailureReason.DEADLINE_EXCEEDED))
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void aClientBudgetLongerThanTheCompositionsChangesNothing() {
        harness.backends.answer("/users/u-1", 60_000, "{}");
        CompositionEngine engine = harness.engine(CHAIN);

        StepVerifier.withVirtualTime(() -> engine.compose(
                        EngineHarness.withTimeout(engine, Map.of("userId", "u-1"), Duration.ofSeconds(30))))
                .expectSubscription()
                .expectNoEvent(EngineHarness.DEFAULT_DEADLINE.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(composed -> assertThat(section(composed, "user").reason())
                        .isEqualTo(FailureReason.DEADLINE_EXCEEDED))
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void everyAttemptCarriesWhatIsLeftOfTheBudgetCappedByItsOwnTimeout() {
        // attempt timeout 700 ms, deadline 900 ms: user is told 700 (its own timeout is less than
        // what is left); orders starts at t=600 with 300 left, so it is told 300
        harness.attemptTimeout(Duration.ofMillis(700)).backends
                .answer("/users/u-1", 600, "{\"id\":\"u-1\"}")
                .answer("/orders", 10, "{\"orders\":[]}");
        CompositionEngine engine = harness.engine(CHAIN);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-1"), null)))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(610))
                .assertNext(composed -> assertThat(section(composed, "orders").status()).isEqualTo(SectionStatus.OK))
                .expectComplete()
                .verify(VERIFY);
        assertThat(harness.backends.callsStartingWith("/users")).singleElement()
                .satisfies(call -> assertThat(call.timeoutMillis()).isEqualTo(700));
        assertThat(harness.backends.callsStartingWith("/orders")).singleElement()
                .satisfies(call -> assertThat(call.timeoutMillis()).isEqualTo(300));
    }

    @Test
    void noAttemptStartsWithLessThanTheFloorLeft() {
        // user answers at t=880 of a 900 ms deadline: 20 ms left, under the 50 ms floor
        harness.attemptFloor(Duration.ofMillis(50)).backends
                .answer("/users/u-1", 880, "{\"id\":\"u-1\"}")
                .answer("/orders", 1, "{\"orders\":[]}");
        CompositionEngine engine = harness.engine(CHAIN);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-1"), null)))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(880))
                .assertNext(composed -> {
                    SectionOutcome orders = section(composed, "orders");
                    assertThat(orders.reason()).isEqualTo(FailureReason.DEADLINE_EXCEEDED);
                    assertThat(orders.attempts()).isZero();
                    assertThat(section(composed, "user").status()).isEqualTo(SectionStatus.OK);
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(harness.backends.callsTo("/orders")).as("never called").isEmpty();
    }

    @Test
    void anAttemptWithTheFloorLeftStillStarts() {
        harness.attemptFloor(Duration.ofMillis(50)).backends
                .answer("/users/u-1", 840, "{\"id\":\"u-1\"}")
                .answer("/orders", 1, "{\"orders\":[]}");
        CompositionEngine engine = harness.engine(CHAIN);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-1"), null)))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(845))
                .assertNext(composed -> assertThat(section(composed, "orders").status()).isEqualTo(SectionStatus.OK))
                .expectComplete()
                .verify(VERIFY);
        assertThat(harness.backends.callsStartingWith("/orders")).singleElement()
                .satisfies(call -> assertThat(call.timeoutMillis()).isEqualTo(60));
    }
}

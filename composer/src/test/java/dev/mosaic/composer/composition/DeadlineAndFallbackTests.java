package dev.mosaic.composer.composition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.mosaic.composer.resilience.FailureReason;
import dev.mosaic.composer.section.SectionOutcome;
import dev.mosaic.composer.section.SectionSource;
import dev.mosaic.composer.section.SectionStatus;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The request deadline and a section's fallback chain (live → last known good → static default →
 * failed) on virtual time, without a wall clock in sight.
 */
class DeadlineAndFallbackTests {

    private static final Duration VERIFY = Duration.ofSeconds(5);

    private static final String PROFILE = """
            name: profile
            path: /profile/{userId}
            params: { userId: "[a-z0-9-]+" }
            sections:
              user: { source: user, get: "/users/{userId}", required: true }
              orders: { source: orders, get: "/orders?userId={userId}", select: /orders, type: array }
              recommendations:
                source: recommendations
                get: /recommendations?userId={userId}
                select: /items
                fallback: [ { productId: p-1001, reason: POPULAR } ]
            """;

    private final EngineHarness harness = new EngineHarness();

    private static SectionOutcome section(Composed composed, String name) {
        return composed.sections().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private void healthy() {
        harness.backends.answer("/users/u-1", 10, "{\"id\":\"u-1\"}")
                .answer("/orders", 10, "{\"orders\":[{\"id\":\"o-1\"}]}")
                .answer("/recommendations", 10, "{\"items\":[{\"productId\":\"p-7\"}]}");
    }

    @Test
    void answersAtTheDeadlineWhenTheRequiredSectionHangs() {
        healthy();
        harness.backends.answer("/users/u-1", 60_000, "{}");
        CompositionEngine engine = harness.engine(PROFILE);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-1"), null)))
                .expectSubscription()
                .expectNoEvent(EngineHarness.DEFAULT_DEADLINE.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(composed -> {
                    SectionOutcome user = section(composed, "user");
                    assertThat(user.reason()).isEqualTo(FailureReason.DEADLINE_EXCEEDED);
                    assertThat(composed.failedRequiredSection()).isSameAs(user);
                    assertThat(section(composed, "orders").status()).as("the others were not held up")
                            .isEqualTo(SectionStatus.OK);
                })
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void retriesWithinTheDeadlineAndStopsWhenTooLittleIsLeft() {
        healthy();
        // each attempt times out after 1 s: the deadline is 2.5 s, so 2 attempts fit, a third would not
        harness.retries(3).backends.answer("/orders", 60_000, "{}");
        CompositionEngine engine = harness.engine(PROFILE.replace("sections:", "deadline: 2500ms\nsections:"));

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-1"), null)))
                .expectSubscription()
                .thenAwait(Duration.ofMillis(2500))
                .assertNext(composed -> {
                    SectionOutcome orders = section(composed, "orders");
                    assertThat(orders.attempts()).isEqualTo(3);
                    assertThat(orders.status()).isEqualTo(SectionStatus.FAILED);
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(harness.backends.callsTo("/orders")).hasSize(3);
        assertThat(harness.backends.calls().stream().filter(c -> c.pathAndQuery().startsWith("/orders"))
                .mapToLong(ScriptedBackends.Call::startedAtMillis))
                .as("each retry after the previous attempt's 1 s timeout and a 20 ms, then 40 ms backoff")
                .containsExactly(0L, 1020L, 2060L);
    }

    @Test
    void servesTheLastKnownGoodAnswerAsStaleThenTheStaticDefault() {
        healthy();
        CompositionEngine engine = harness.engine(PROFILE);
        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-1"), null)))
                .thenAwait(Duration.ofMillis(10))
                .assertNext(composed -> assertThat(composed.complete()).isTrue())
                .expectComplete()
                .verify(VERIFY);

        harness.backends.fail("/orders", 5, 503).fail("/recommendations", 5, 503);
        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-1"), null)))
                .thenAwait(Duration.ofMillis(10))
                .assertNext(composed -> {
                    SectionOutcome orders = section(composed, "orders");
                    assertThat(orders.status()).isEqualTo(SectionStatus.DEGRADED);
                    assertThat(orders.source()).isEqualTo(SectionSource.STALE);
                    assertThat(orders.reason()).isEqualTo(FailureReason.UPSTREAM_ERROR);
                    assertThat(orders.payload().json()).isEqualTo("[{\"id\":\"o-1\"}]");
                    assertThat(section(composed, "recommendations").source()).as("stale beats the static default")
                            .isEqualTo(SectionSource.STALE);
                })
                .expectComplete()
                .verify(VERIFY);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-2"), null)))
                .thenAwait(Duration.ofMillis(10))
                .assertNext(composed -> {
                    assertThat(section(composed, "orders").status()).as("nothing cached for u-2, no default")
                            .isEqualTo(SectionStatus.FAILED);
                    SectionOutcome recommendations = section(composed, "recommendations");
                    assertThat(recommendations.source()).isEqualTo(SectionSource.FALLBACK);
                    assertThat(recommendations.payload().json())
                            .isEqualTo("[{\"productId\":\"p-1001\",\"reason\":\"POPULAR\"}]");
                })
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void neverServesStaleDataForANotFound() {
        healthy();
        CompositionEngine engine = harness.engine(PROFILE);
        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-1"), null)))
                .thenAwait(Duration.ofMillis(10)).expectNextCount(1).expectComplete().verify(VERIFY);

        harness.backends.fail("/users/u-1", 5, 404);
        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-1"), null)))
                .thenAwait(Duration.ofMillis(10))
                .assertNext(composed -> {
                    SectionOutcome user = section(composed, "user");
                    assertThat(user.reason()).isEqualTo(FailureReason.NOT_FOUND);
                    assertThat(user.payload()).isNull();
                })
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void reportsAValueOfTheWrongTypeAsBadResponse() {
        healthy();
        harness.backends.answer("/orders", 5, "{\"orders\":{\"id\":\"o-1\"}}");
        CompositionEngine engine = harness.engine(PROFILE);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("userId", "u-1"), null)))
                .thenAwait(Duration.ofMillis(10))
                .assertNext(composed -> assertThat(section(composed, "orders").reason())
                        .isEqualTo(FailureReason.BAD_RESPONSE))
                .expectComplete()
                .verify(VERIFY);
    }
}

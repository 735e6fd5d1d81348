package dev.mosaic.composer.composition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.mosaic.composer.identity.Identity;
import dev.mosaic.composer.resilience.FailureReason;
import dev.mosaic.composer.section.SectionOutcome;
import dev.mosaic.composer.section.SectionSource;
import dev.mosaic.composer.section.SectionStatus;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * The engine's graph on virtual time: when each section starts, what a dependent is given, and what
 * happens to it when what it needs fails, is empty, or comes too late.
 */
class CompositionGraphTests {

    private static final Duration VERIFY = Duration.ofSeconds(5);

    /** a and b are independent; c needs a; d needs a and b. */
    private static final String DIAMOND = """
            name: diamond
            path: /diamond/{id}
            params: { id: "[a-z0-9-]+" }
            sections:
              a: { source: alpha, get: "/a/{id}" }
              b: { source: beta, get: "/b/{id}" }
              c: { source: gamma, get: "/c?from={a.id}" }
              d: { source: gamma, get: "/d?a={a.id}&b={b.code}" }
            """;

    private final EngineHarness harness = new EngineHarness();

    private static SectionOutcome section(Composed composed, String name) {
        return composed.sections().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void startsIndependentSectionsAtOnceAndEachDependentWhenItsLastInputArrives() {
        harness.backends.answer("/a/x", 100, "{\"id\":\"A1\"}").answer("/b/x", 300, "{\"code\":\"B7\"}")
                .answer("/c", 50, "{\"c\":1}").answer("/d", 10, "{\"d\":1}");
        CompositionEngine engine = harness.engine(DIAMOND);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("id", "x"), null)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(309))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(composed -> {
                    assertThat(composed.complete()).isTrue();
                    assertThat(section(composed, "d").payload().json()).isEqualTo("{\"d\":1}");
                })
                .expectComplete()
                .verify(VERIFY);

        assertThat(harness.backends.startOf("/a/")).as("a starts at once").isZero();
        assertThat(harness.backends.startOf("/b/")).as("b starts at once, beside a").isZero();
        assertThat(harness.backends.startOf("/c")).as("c starts when a answers").isEqualTo(100);
        assertThat(harness.backends.startOf("/d")).as("d starts when b, its last input, answers").isEqualTo(300);
        assertThat(harness.backends.callsTo("/c")).containsExactly("/c?from=A1");
        assertThat(harness.backends.callsTo("/d")).containsExactly("/d?a=A1&b=B7");
    }

    @Test
    void doesNotCallADependentOfAFailedSection() {
        harness.backends.fail("/a/x", 20, 503).answer("/b/x", 10, "{\"code\":\"B7\"}").answer("/c", 10, "{}")
                .answer("/d", 10, "{}");
        CompositionEngine engine = harness.engine(DIAMOND);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("id", "x"), null)))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(composed -> {
                    assertThat(section(composed, "a").reason()).isEqualTo(FailureReason.UPSTREAM_ERROR);
                    for (String dependent : new String[] { "c", "d" }) {
                        SectionOutcome s = section(composed, dependent);
                        assertThat(s.status()).isEqualTo(SectionStatus.FAILED);
                        assertThat(s.reason()).isEqualTo(FailureReason.DEPENDENCY_FAILED);
                        assertThat(s.attempts()).isZero();
                    }
                    assertThat(section(composed, "b").status()).isEqualTo(SectionStatus.OK);
                })
                .expectComplete()
                .verify(VERIFY);

        assertThat(harness.backends.callsTo("/c")).isEmpty();
        assertThat(harness.backends.callsTo("/d")).isEmpty();
    }

    @Test
    void servesADependentsFallbackWhenWhatItNeedsFailed() {
        harness.backends.fail("/a/x", 20, 500);
        CompositionEngine engine = harness.engine("""
                name: chain
                path: /chain/{id}
                params: { id: "[a-z]+" }
                sections:
                  a: { source: alpha, get: "/a/{id}" }
                  c: { source: gamma, get: "/c?from={a.id}", fallback: [] }
                """);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("id", "x"), null)))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(composed -> {
                    SectionOutcome c = section(composed, "c");
                    assertThat(c.status()).isEqualTo(SectionStatus.DEGRADED);
                    assertThat(c.source()).isEqualTo(SectionSource.FALLBACK);
                    assertThat(c.reason()).isEqualTo(FailureReason.DEPENDENCY_FAILED);
                    assertThat(c.payload().json()).isEqualTo("[]");
                })
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void makesNoCallForAnEmptyFanOutAndJoinsDistinctEncodedValuesOtherwise() {
        CompositionEngine engine = harness.engine("""
                name: basket
                path: /basket/{id}
                params: { id: "[a-z0-9]+" }
                sections:
                  basket: { source: alpha, get: "/baskets/{id}" }
                  products: { source: catalog, get: "/products?ids={basket.items[*].productId}", select: /items }
                """);
        harness.backends.answer("/baskets/empty", 10, "{\"items\":[]}")
                .answer("/baskets/full", 10,
                        "{\"items\":[{\"productId\":\"p 1\"},{\"productId\":\"p-2\"},{\"productId\":\"p 1\"},{}]}")
                .answer("/products", 10, "{\"items\":[{\"productId\":\"p 1\"}]}");

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("id", "empty"), null)))
                .thenAwait(Duration.ofMillis(10))
                .assertNext(composed -> {
                    SectionOutcome products = section(composed, "products");
                    assertThat(products.status()).isEqualTo(SectionStatus.OK);
                    assertThat(products.attempts()).isZero();
                    assertThat(products.payload().json()).isEqualTo("[]");
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(harness.backends.callsTo("/products")).as("nothing to ask for: no call").isEmpty();

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("id", "full"), null)))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(composed -> assertThat(section(composed, "products").attempts()).isEqualTo(1))
                .expectComplete()
                .verify(VERIFY);
        assertThat(harness.backends.callsTo("/products")).containsExactly("/products?ids=p%201,p-2");
    }

    @Test
    void treatsAMissingReferencedValueAsADependencyFailure() {
        harness.backends.answer("/a/x", 10, "{\"name\":\"no id here\"}");
        CompositionEngine engine = harness.engine(DIAMOND);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("id", "x"), null,
                "c")))
                .thenAwait(Duration.ofMillis(10))
                .assertNext(composed -> assertThat(section(composed, "c").reason())
                        .isEqualTo(FailureReason.DEPENDENCY_FAILED))
                .expectComplete()
                .verify(VERIFY);
        assertThat(harness.backends.callsTo("/c")).isEmpty();
    }

    @Test
    void cutsAChainAtTheDeadline() {
        harness.backends.answer("/a/x", 600, "{\"id\":\"A1\"}").answer("/c", 600, "{}");
        CompositionEngine engine = harness.engine("""
                name: slow-chain
                path: /slow-chain/{id}
                params: { id: "[a-z]+" }
                deadline: 1000ms
                sections:
                  a: { source: alpha, get: "/a/{id}", required: true }
                  c: { source: gamma, get: "/c?from={a.id}" }
                """);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("id", "x"), null)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .assertNext(composed -> {
                    assertThat(section(composed, "a").status()).isEqualTo(SectionStatus.OK);
                    SectionOutcome c = section(composed, "c");
                    assertThat(c.reason()).isEqualTo(FailureReason.DEADLINE_EXCEEDED);
                    assertThat(c.latencyMs()).as("c started at 600 and was cut at 1000").isEqualTo(400);
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(harness.backends.startOf("/c")).isEqualTo(600);
    }

    @Test
    void callsWhatAnIncludedSectionNeedsButShowsItAsSkipped() {
        harness.backends.answer("/a/x", 30, "{\"id\":\"A1\"}").answer("/b/x", 10, "{\"code\":\"B\"}")
                .answer("/c", 10, "{\"c\":true}");
        CompositionEngine engine = harness.engine(DIAMOND);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("id", "x"), null,
                "c")))
                .thenAwait(Duration.ofMillis(40))
                .assertNext(composed -> {
                    assertThat(section(composed, "c").status()).isEqualTo(SectionStatus.OK);
                    SectionOutcome a = section(composed, "a");
                    assertThat(a.status()).isEqualTo(SectionStatus.SKIPPED);
                    assertThat(a.payload()).as("a was called for c, but is not returned").isNull();
                    assertThat(a.attempts()).isEqualTo(1);
                    assertThat(section(composed, "b").attempts()).as("b is not needed").isZero();
                    assertThat(composed.complete()).isTrue();
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(harness.backends.callsTo("/b/")).isEmpty();
    }

    /** order holds the owner; details needs order; stock is independent. */
    private static final String OWNED = """
            name: owned
            path: /owned/{orderId}
            params: { orderId: "[a-z0-9-]+" }
            owner: "{order.userId}"
            sections:
              order: { source: orders, get: "/orders/{orderId}", required: true }
              details: { source: catalog, get: "/details?for={order.id}" }
              stock: { source: stock, get: "/stock/{orderId}" }
            """;

    @Test
    void answersNotFoundWithoutCallingDependentsWhenTheCallerDoesNotOwnTheData() {
        harness.backends.answer("/orders/o-1", 20, "{\"id\":\"o-1\",\"userId\":\"u-1\"}")
                .answer("/details", 10, "{}").answer("/stock/o-1", 5, "{\"n\":3}");
        CompositionEngine engine = harness.engine(OWNED);
        Identity stranger = new Identity("u-2", Set.of("dashboard:read"));

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("orderId", "o-1"),
                stranger)))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(composed -> {
                    SectionOutcome order = section(composed, "order");
                    assertThat(order.status()).isEqualTo(SectionStatus.FAILED);
                    assertThat(order.reason()).as("as if it did not exist").isEqualTo(FailureReason.NOT_FOUND);
                    assertThat(order.payload()).isNull();
                    assertThat(composed.failedRequiredSection()).isSameAs(order);
                    assertThat(section(composed, "details").reason()).isEqualTo(FailureReason.DEPENDENCY_FAILED);
                })
                .expectComplete()
                .verify(VERIFY);
        assertThat(harness.backends.callsTo("/details")).isEmpty();
        assertThat(harness.meters.counter("mosaic.composition.owner.denied", "composition", "owned").count())
                .isEqualTo(1.0);
    }

    @Test
    void letsTheOwnerAndReadAnyTokensThrough() {
        harness.backends.answer("/orders/o-1", 20, "{\"id\":\"o-1\",\"userId\":\"u-1\"}")
                .answer("/details", 10, "{\"ok\":1}").answer("/stock/o-1", 5, "{\"n\":3}");
        CompositionEngine engine = harness.engine(OWNED);

        for (Identity caller : new Identity[] { new Identity("u-1", Set.of("dashboard:read")),
                new Identity("ops", Set.of("compositions:read:any")) }) {
            StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine,
                    Map.of("orderId", "o-1"), caller)))
                    .thenAwait(Duration.ofMillis(30))
                    .assertNext(composed -> assertThat(composed.complete()).as(caller.subject()).isTrue())
                    .expectComplete()
                    .verify(VERIFY);
        }
    }

    @Test
    void checksTheOwnerEvenWhenOnlyAnIndependentSectionIsIncluded() {
        harness.backends.answer("/orders/o-1", 20, "{\"id\":\"o-1\",\"userId\":\"u-1\"}")
                .answer("/stock/o-1", 5, "{\"n\":3}");
        CompositionEngine engine = harness.engine(OWNED);

        StepVerifier.withVirtualTime(() -> engine.compose(EngineHarness.request(engine, Map.of("orderId", "o-1"),
                new Identity("u-2", Set.of("dashboard:read")), "stock")))
                .thenAwait(Duration.ofMillis(20))
                .assertNext(composed -> assertThat(composed.failedRequiredSection()).as("the owner check still runs")
                        .isNotNull()
                        .extracting(SectionOutcome::reason).isEqualTo(FailureReason.NOT_FOUND))
                .expectComplete()
                .verify(VERIFY);
    }
}

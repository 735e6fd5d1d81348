package dev.mosaic.stubs.console.view;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.mosaic.stubs.chaos.ChaosEvent;
import dev.mosaic.stubs.chaos.ChaosSettings;
import org.junit.jupiter.api.Test;

import static dev.mosaic.stubs.console.view.Scrapes.breaker;
import static dev.mosaic.stubs.console.view.Scrapes.composer;
import static dev.mosaic.stubs.console.view.Scrapes.gateway;
import static dev.mosaic.stubs.console.view.Scrapes.histogram;
import static dev.mosaic.stubs.console.view.Scrapes.unreachable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConsoleViewAssemblerTests {

    private static final Map<String, ChaosSettings> NO_CHAOS = Map.of("recommendations", ChaosSettings.none(1L));
    private static final String SOURCE_USER = """
            mosaic_section_attempts_total{result="OK",section="user",source="user"} %s
            """;

    private final ConsoleViewAssembler views = new ConsoleViewAssembler(Duration.ofSeconds(5));

    private ConsoleFrame next(double composerAt, String composerText, double gatewayAt, String gatewayText) {
        return views.next(composer(composerAt, composerText), gateway(gatewayAt, gatewayText), NO_CHAOS, List.of());
    }

    @Test
    void firstFrameShowsEveryBreakersStateButNoRatesYet() {
        ConsoleFrame frame = next(0, breaker("recommendations", "closed") + breaker("user", "half_open")
                + SOURCE_USER.formatted(100), 0, breaker("dashboard", "open"));

        assertThat(frame.breakers()).extracting(ConsoleFrame.Breaker::id, ConsoleFrame.Breaker::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("composer/recommendations", "CLOSED"),
                org.assertj.core.groups.Tuple.tuple("composer/user", "HALF_OPEN"),
                org.assertj.core.groups.Tuple.tuple("gateway/dashboard", "OPEN"));
        assertThat(frame.parts()).allSatisfy(part -> {
            assertThat(part.reachable()).isTrue();
            assertThat(part.rateSeconds()).as("no previous scrape to compare with").isNull();
        });
        assertThat(frame.sources()).filteredOn(s -> s.name().equals("user")).singleElement()
                .satisfies(user -> assertThat(user.attemptsPerSecond()).isNull());
        assertThat(frame.transitions()).isEmpty();
    }

    @Test
    void sectionRateAndPercentilesComeFromTheBucketsIncreaseBetweenScrapes() {
        double[] bounds = {0.01, 0.02, 0.05, 0.1};
        String labels = "composition=\"dashboard\",reason=\"none\",section=\"user\",status=\"OK\"";
        next(0, histogram("mosaic_section_seconds", labels, bounds, new long[] {10, 0, 0, 0}), 0, "");
        // 200 more answers in 2 s: 100 under 10 ms, 80 under 20 ms, 18 under 50 ms, 2 under 100 ms
        ConsoleFrame frame = next(2, histogram("mosaic_section_seconds", labels, bounds, new long[] {110, 80, 18, 2}), 2, "");

        ConsoleFrame.Section user = frame.sections().get(0);
        assertThat(user.composition()).isEqualTo("dashboard");
        assertThat(user.section()).isEqualTo("user");
        assertThat(user.ratePerSecond()).isCloseTo(100.0, within(1e-9));
        assertThat(user.p50Ms()).as("rank 100 is the top of the first bucket").isCloseTo(10.0, within(1e-6));
        assertThat(user.p99Ms()).as("rank 198 is the top of the 50 ms bucket").isCloseTo(50.0, within(1e-6));
        assertThat(user.degradedShare()).isZero();
        assertThat(user.reasons()).isEmpty();
        assertThat(frame.parts().get(0).rateSeconds()).isEqualTo(2.0);
    }

    @Test
    void degradedShareIsSplitByReasonAndSkippedSectionsDoNotCount() {
        next(0, """
                mosaic_section_seconds_count{composition="dashboard",reason="none",section="recommendations",status="OK"} 10
                mosaic_section_seconds_count{composition="dashboard",reason="TIMEOUT",section="recommendations",status="DEGRADED"} 5
                mosaic_section_seconds_count{composition="dashboard",reason="none",section="recommendations",status="SKIPPED"} 0
                """, 0, "");
        ConsoleFrame frame = next(1, """
                mosaic_section_seconds_count{composition="dashboard",reason="none",section="recommendations",status="OK"} 20
                mosaic_section_seconds_count{composition="dashboard",reason="TIMEOUT",section="recommendations",status="DEGRADED"} 10
                mosaic_section_seconds_count{composition="dashboard",reason="CIRCUIT_OPEN",section="recommendations",status="DEGRADED"} 25
                mosaic_section_seconds_count{composition="dashboard",reason="none",section="recommendations",status="SKIPPED"} 100
                """, 1, "");

        ConsoleFrame.Section recommendations = frame.sections().get(0);
        assertThat(recommendations.ratePerSecond()).as("10 OK + 5 TIMEOUT + 25 CIRCUIT_OPEN (new series)").isEqualTo(40.0);
        assertThat(recommendations.degradedShare()).isEqualTo(0.75);
        assertThat(recommendations.failedShare()).isZero();
        assertThat(recommendations.reasons()).containsOnly(Map.entry("TIMEOUT", 0.125), Map.entry("CIRCUIT_OPEN", 0.625));
        assertThat(recommendations.p99Ms()).as("no buckets, no percentile").isNull();
    }

    @Test
    void sourcesShowCallsByResultRefusalsRetryBudgetAndBulkhead() {
        String before = breaker("orders", "open") + """
                mosaic_section_attempts_total{result="OK",section="orders",source="orders"} 100
                mosaic_section_attempts_total{result="CONNECT_ERROR",section="orders",source="orders"} 0
                resilience4j_circuitbreaker_not_permitted_calls_total{kind="not_permitted",name="orders"} 0
                mosaic_retry_budget_total{decision="granted",section="orders",source="orders"} 5
                mosaic_retry_budget_total{decision="denied",section="orders",source="orders"} 0
                mosaic_retry_budget_available{section="orders",source="orders"} 10.0
                resilience4j_bulkhead_available_concurrent_calls{name="orders"} 1000.0
                resilience4j_bulkhead_max_allowed_concurrent_calls{name="orders"} 1000.0
                """;
        String after = breaker("orders", "open") + """
                mosaic_section_attempts_total{result="OK",section="orders",source="orders"} 150
                mosaic_section_attempts_total{result="CONNECT_ERROR",section="orders",source="orders"} 30
                resilience4j_circuitbreaker_not_permitted_calls_total{kind="not_permitted",name="orders"} 12
                mosaic_retry_budget_total{decision="granted",section="orders",source="orders"} 9
                mosaic_retry_budget_total{decision="denied",section="orders",source="orders"} 6
                mosaic_retry_budget_available{section="orders",source="orders"} 0.0
                resilience4j_bulkhead_available_concurrent_calls{name="orders"} 993.0
                resilience4j_bulkhead_max_allowed_concurrent_calls{name="orders"} 1000.0
                """;
        next(1, before, 1, "");
        ConsoleFrame.Source orders = next(2, after, 2, "").sources().get(0);

        assertThat(orders.name()).isEqualTo("orders");
        assertThat(orders.state()).isEqualTo("OPEN");
        assertThat(orders.attemptsPerSecond()).isEqualTo(80.0);
        assertThat(orders.attemptResults()).containsExactly(Map.entry("OK", 50.0), Map.entry("CONNECT_ERROR", 30.0));
        assertThat(orders.notPermittedPerSecond()).isEqualTo(12.0);
        assertThat(orders.retriesPerSecond()).isEqualTo(4.0);
        assertThat(orders.retriesDeniedPerSecond()).isEqualTo(6.0);
        assertThat(orders.retryBudgetLeft()).isZero();
        assertThat(orders.bulkheadInUse()).isEqualTo(7);
        assertThat(orders.bulkheadMax()).isEqualTo(1000);
    }

    @Test
    void aCounterThatWentDownWasResetAndCountsFromZero() {
        next(0, SOURCE_USER.formatted(500), 0, "");
        ConsoleFrame frame = next(1, SOURCE_USER.formatted(20), 1, "");

        assertThat(frame.sources().get(0).attemptsPerSecond()).isEqualTo(20.0);
    }

    @Test
    void aStateChangeBetweenScrapesIsATransitionReportedOnce() {
        next(0, breaker("recommendations", "closed"), 0, "");
        ConsoleFrame opened = next(1, breaker("recommendations", "open"), 1, "");
        ConsoleFrame still = next(2, breaker("recommendations", "open"), 2, "");

        assertThat(opened.transitions()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo("composer/recommendations");
            assertThat(t.from()).isEqualTo("CLOSED");
            assertThat(t.to()).isEqualTo("OPEN");
            assertThat(t.at()).isEqualTo(Scrapes.at(1));
        });
        assertThat(still.transitions()).isEmpty();
    }

    @Test
    void anUnreachablePartIsSaidSoKeepsItsBreakersAsUnknownAndHasNoRates() {
        views.next(composer(0, breaker("recommendations", "closed") + SOURCE_USER.formatted(1)), gateway(0, ""), NO_CHAOS, List.of());
        ConsoleFrame down = views.next(unreachable("composer", 1, "connection refused"), gateway(1, ""), NO_CHAOS, List.of());

        assertThat(down.parts().get(0)).satisfies(composer -> {
            assertThat(composer.part()).isEqualTo("composer");
            assertThat(composer.reachable()).isFalse();
            assertThat(composer.detail()).isEqualTo("connection refused");
            assertThat(composer.rateSeconds()).isNull();
        });
        assertThat(down.parts().get(1).reachable()).as("the gateway still answers").isTrue();
        assertThat(down.breakers()).extracting(ConsoleFrame.Breaker::id, ConsoleFrame.Breaker::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("composer/recommendations", ConsoleFrame.UNKNOWN));
        assertThat(down.sources()).extracting(ConsoleFrame.Source::name).containsExactly("recommendations");
        assertThat(down.transitions()).as("not knowing is not a transition").isEmpty();

        ConsoleFrame back = views.next(composer(2, breaker("recommendations", "open") + SOURCE_USER.formatted(9)), gateway(2, ""), NO_CHAOS, List.of());
        assertThat(back.parts().get(0).reachable()).isTrue();
        assertThat(back.sources()).filteredOn(s -> s.name().equals("user")).singleElement()
                .satisfies(user -> assertThat(user.attemptsPerSecond()).as("no rate across the gap").isNull());
        assertThat(back.transitions()).as("it opened while it could not be read")
                .extracting(ConsoleFrame.Transition::from, ConsoleFrame.Transition::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CLOSED", "OPEN"));
    }

    @Test
    void aPreviousScrapeTooLongAgoGivesNoRates() {
        next(0, SOURCE_USER.formatted(1), 0, "");
        ConsoleFrame frame = next(60, SOURCE_USER.formatted(100), 60, "");

        assertThat(frame.sources().get(0).attemptsPerSecond()).isNull();
    }

    @Test
    void theEdgeCountsStatusClasses429sAnd503sPerRouteButNotTheManagementPort() {
        String routes = """
                http_server_requests_seconds_count{route="dashboard",status="200",uri="UNKNOWN"} %d
                http_server_requests_seconds_count{route="dashboard",status="503",uri="UNKNOWN"} %d
                http_server_requests_seconds_count{route="users",status="404",uri="UNKNOWN"} %d
                http_server_requests_seconds_count{route="none",status="200",uri="/actuator/prometheus"} %d
                """;
        double[] bounds = {0.01, 0.1, 1.0};
        String dashboardLabels = "route=\"dashboard\",status=\"200\",uri=\"UNKNOWN\"";
        next(0, "", 0, breaker("dashboard", "closed") + routes.formatted(100, 0, 5, 1)
                + histogram("http_server_requests_seconds", dashboardLabels, bounds, new long[] {100, 0, 0}).lines()
                        .filter(l -> !l.contains("_count")).reduce("", (a, b) -> a + b + "\n"));
        ConsoleFrame frame = next(2, "", 2, breaker("dashboard", "closed") + routes.formatted(300, 20, 15, 3)
                + "http_server_requests_seconds_count{route=\"dashboard\",status=\"429\",uri=\"UNKNOWN\"} 10\n"
                + histogram("http_server_requests_seconds", dashboardLabels, bounds, new long[] {200, 100, 0}).lines()
                        .filter(l -> !l.contains("_count")).reduce("", (a, b) -> a + b + "\n"));

        assertThat(frame.routes()).extracting(ConsoleFrame.Route::route).containsExactly("dashboard", "users");
        ConsoleFrame.Route dashboard = frame.routes().get(0);
        assertThat(dashboard.state()).isEqualTo("CLOSED");
        assertThat(dashboard.ratePerSecond()).isEqualTo(115.0);
        assertThat(dashboard.statusClasses()).containsEntry("2xx", 100.0).containsEntry("4xx", 5.0).containsEntry("5xx", 10.0);
        assertThat(dashboard.tooManyPerSecond()).isEqualTo(5.0);
        assertThat(dashboard.unavailablePerSecond()).isEqualTo(10.0);
        assertThat(dashboard.p99Ms()).as("of 200 new answers, 100 took 10-100 ms").isCloseTo(98.2, within(1e-6));
        ConsoleFrame.Route users = frame.routes().get(1);
        assertThat(users.state()).as("no breaker").isNull();
        assertThat(users.statusClasses()).containsEntry("4xx", 5.0);
        assertThat(frame.edge().ratePerSecond()).as("every route, without /actuator").isEqualTo(120.0);
        assertThat(frame.edge().statusClasses()).containsEntry("2xx", 100.0);
    }

    @Test
    void compositionsShareOfCompletePartialAndFailedAnswers() {
        next(0, """
                mosaic_composition_seconds_count{composition="dashboard",outcome="complete"} 10
                """, 0, "");
        ConsoleFrame frame = next(1, """
                mosaic_composition_seconds_count{composition="dashboard",outcome="complete"} 40
                mosaic_composition_seconds_count{composition="dashboard",outcome="partial"} 60
                mosaic_composition_seconds_count{composition="dashboard",outcome="failed"} 10
                """, 1, "");

        ConsoleFrame.Composition dashboard = frame.compositions().get(0);
        assertThat(dashboard.ratePerSecond()).isEqualTo(100.0);
        assertThat(dashboard.outcomes()).containsOnly(Map.entry("complete", 0.3), Map.entry("partial", 0.6), Map.entry("failed", 0.1));
    }

    @Test
    void eachChaosEventIsPassedOnInTheFirstFrameAfterIt() {
        ChaosEvent down = event(1, ChaosEvent.Action.UPDATE);
        ChaosEvent cleared = event(2, ChaosEvent.Action.CLEAR);

        ConsoleFrame first = views.next(composer(0, ""), gateway(0, ""), NO_CHAOS, List.of(down));
        ConsoleFrame second = views.next(composer(1, ""), gateway(1, ""), NO_CHAOS, List.of(down, cleared));
        ConsoleFrame third = views.next(composer(2, ""), gateway(2, ""), NO_CHAOS, List.of(down, cleared));

        assertThat(first.chaosEvents()).containsExactly(down);
        assertThat(second.chaosEvents()).containsExactly(cleared);
        assertThat(third.chaosEvents()).isEmpty();
        assertThat(third.chaos()).isEqualTo(NO_CHAOS);
        assertThat(third.sequence()).isEqualTo(3);
    }

    private static ChaosEvent event(long sequence, ChaosEvent.Action action) {
        return new ChaosEvent(sequence, Scrapes.at(sequence), "recommendations", action,
                ChaosSettings.none(1L).toBuilder().down(action == ChaosEvent.Action.UPDATE).build());
    }
}

package dev.mosaic.gateway.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RoutePolicyTests {

    @Test
    void timeLimitNotAboveTheResponseTimeoutIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RoutePolicy(Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(2), 2, true))
                .withMessageContaining("must exceed responseTimeout");
    }

    @Test
    void defaultsNestTheTimeoutsUnderTwoSeconds() {
        for (RoutePolicy policy : new RoutePolicy[] {RoutePolicy.BACKEND_DEFAULT, RoutePolicy.COMPOSER_DEFAULT}) {
            assertThat(policy.connectTimeout()).isLessThan(policy.responseTimeout());
            assertThat(policy.responseTimeout()).isLessThan(policy.timeLimit());
            assertThat(policy.timeLimit()).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void composerIsNotRetriedAndItsProblemsAreNotCountedAgainstIt() {
        assertThat(RoutePolicy.COMPOSER_DEFAULT.retries()).isZero();
        assertThat(RoutePolicy.COMPOSER_DEFAULT.countServerErrors()).isFalse();
    }

    @Test
    void aCompositionWithinTheComposersDefaultDeadlineGetsTheComposerDefault() {
        assertThat(RoutePolicy.composerFor(null)).isEqualTo(RoutePolicy.COMPOSER_DEFAULT);
        assertThat(RoutePolicy.composerFor(Duration.ofMillis(900))).isEqualTo(RoutePolicy.COMPOSER_DEFAULT);
    }

    @Test
    void aLongerCompositionDeadlineStretchesTheTimeoutsWithTheSameMargins() {
        RoutePolicy policy = RoutePolicy.composerFor(Duration.ofSeconds(3));

        assertThat(policy.responseTimeout()).isEqualTo(Duration.ofMillis(3500));
        assertThat(policy.timeLimit()).isEqualTo(Duration.ofMillis(3800));
        assertThat(policy.retries()).isZero();
        assertThat(policy.countServerErrors()).isFalse();
    }

    @Test
    void aConfiguredCompositionRouteWinsOverItsDeadline() {
        RoutePolicy configured = new RoutePolicy(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300), 0, false);
        GatewayProperties properties = new GatewayProperties(java.net.URI.create("http://c"), java.net.URI.create("http://u"),
                java.net.URI.create("http://o"), java.net.URI.create("http://r"),
                org.springframework.util.unit.DataSize.ofMegabytes(1), java.util.Map.of("composition-x", configured));

        assertThat(properties.compositionPolicy("composition-x", Duration.ofSeconds(5))).isEqualTo(configured);
        assertThat(properties.compositionPolicy("composition-y", null)).isEqualTo(RoutePolicy.COMPOSER_DEFAULT);
        assertThat(properties.policyFor("composition-y")).isEqualTo(RoutePolicy.COMPOSER_DEFAULT);
    }
}

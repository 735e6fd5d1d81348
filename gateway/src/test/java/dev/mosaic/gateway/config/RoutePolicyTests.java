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
}

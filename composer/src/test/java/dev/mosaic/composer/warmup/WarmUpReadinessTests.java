package dev.mosaic.composer.warmup;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mosaic.composer.resilience.ResilienceRegistries;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The composer reports ready only after its warm-up: when readiness turns {@code ACCEPTING_TRAFFIC},
 * the backends have already served every warm-up dashboard (the WireMock backends count them), the
 * warm-up has finished, and the circuit breakers are closed with nothing recorded.
 */
@TestPropertySource(properties = {"mosaic.composer.warm-up.enabled=true", "mosaic.composer.warm-up.requests=40",
        "mosaic.composer.warm-up.concurrency=4", ComposerIntegrationTest.DISTINCT_BACKEND_POOL})
@DirtiesContext
class WarmUpReadinessTests extends ComposerIntegrationTest {

    /** Each readiness change, with how far the warm-up had got by then. */
    static final List<String> READINESS = new CopyOnWriteArrayList<>();

    @Autowired
    WarmUp warmUp;

    @Autowired
    ResilienceRegistries resilience;

    @BeforeAll
    static void healthyBackendsBeforeTheContextStarts() {
        Backends.resetToHealthy();
        READINESS.clear();
    }

    @Test
    void readinessTurnsAcceptingOnlyAfterEveryWarmUpDashboardWasServed() {
        assertThat(warmUp.done()).isTrue();
        assertThat(READINESS).as("readiness changes, with how far the warm-up had got")
                .last().isEqualTo("ACCEPTING_TRAFFIC: warm-up done, 40 dashboards answered, the user service called");
        for (CircuitBreaker breaker : resilience.circuitBreakers().getAllCircuitBreakers()) {
            assertThat(breaker.getState()).as(breaker.getName()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as("%s counts nothing of the warm-up",
                    breaker.getName()).isZero();
        }
    }

    @TestConfiguration
    static class ReadinessRecorder {

        @Bean
        ApplicationListener<AvailabilityChangeEvent<ReadinessState>> readinessRecorder(ObjectProvider<WarmUp> warmUp) {
            return event -> {
                WarmUp w = warmUp.getObject();
                int userCalls = Backends.server().countRequestsMatching(
                        getRequestedFor(urlPathMatching("/users/u-(9[0-9][0-9]|1000)")).build()).getCount();
                READINESS.add(event.getState() + ": warm-up " + (w.done() ? "done" : "running") + ", "
                        + w.answered() + " dashboards answered, the user service " + (userCalls > 0 ? "called" : "idle"));
            };
        }
    }
}

package dev.mosaic.gateway.warmup;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.Upstreams;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
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
 * The gateway reports ready only after its warm-up: when readiness turns {@code ACCEPTING_TRAFFIC},
 * the warm-up has finished, its requests were answered, the upstreams (the composer's dashboard, the
 * backends) were called over the routes' client, and no route breaker counted any of it.
 */
@TestPropertySource(properties = {"mosaic.gateway.warm-up.enabled=true", "mosaic.gateway.warm-up.requests=20"})
@DirtiesContext
class GatewayWarmUpReadinessTests extends GatewayIntegrationTest {

    static final List<String> READINESS = new CopyOnWriteArrayList<>();

    @Autowired
    GatewayWarmUp warmUp;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void readinessTurnsAcceptingOnlyAfterTheWarmUpCalledTheUpstreams() {
        assertThat(warmUp.done()).isTrue();
        assertThat(READINESS).last()
                .isEqualTo("ACCEPTING_TRAFFIC: warm-up done, 40 answered, composer called, user service called");
        for (CircuitBreaker breaker : breakers.getAllCircuitBreakers()) {
            assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as(breaker.getName()).isZero();
        }
    }

    @TestConfiguration
    static class ReadinessRecorder {

        @Bean
        ApplicationListener<AvailabilityChangeEvent<ReadinessState>> readinessRecorder(ObjectProvider<GatewayWarmUp> warmUp) {
            return event -> {
                GatewayWarmUp w = warmUp.getObject();
                READINESS.add(event.getState() + ": warm-up " + (w.done() ? "done" : "running") + ", " + w.answered()
                        + " answered, composer " + (calls("/dashboard/u-9.*") > 0 ? "called" : "idle")
                        + ", user service " + (calls("/users/u-9.*") > 0 ? "called" : "idle"));
            };
        }

        private static int calls(String path) {
            return Upstreams.shared().backends().countRequestsMatching(getRequestedFor(urlPathMatching(path)).build())
                    .getCount();
        }
    }
}

package dev.mosaic.gateway.warmup;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The gateway reports ready only after its warm-up: when readiness turns {@code ACCEPTING_TRAFFIC},
 * the warm-up has finished, its requests were answered, the upstreams (the composer's dashboard, the
 * backends) were called over the routes' client, the composed route {@code /api/me/dashboard} was
 * called with a token from the token endpoint, and the route breakers hold nothing of it.
 */
@TestPropertySource(properties = {"mosaic.gateway.warm-up.enabled=true", "mosaic.gateway.warm-up.requests=20"})
@DirtiesContext
class GatewayWarmUpReadinessTests extends GatewayIntegrationTest {

    static final List<String> READINESS = new CopyOnWriteArrayList<>();

    /** A token endpoint like the dev identity provider's, before the context (and its warm-up) starts. */
    @DynamicPropertySource
    static void tokenEndpoint(DynamicPropertyRegistry registry) {
        Upstreams.shared().backends().stubFor(post(urlPathEqualTo("/token")).willReturn(okJson(
                "{\"access_token\":\"" + TestTokens.valid("u-1000") + "\",\"token_type\":\"Bearer\"}")));
        registry.add("mosaic.gateway.warm-up.token-uri", () -> Upstreams.shared().backendsUrl() + "/token");
    }

    @Autowired
    GatewayWarmUp warmUp;

    @Autowired
    CircuitBreakerRegistry breakers;

    @Test
    void readinessTurnsAcceptingOnlyAfterTheWarmUpCalledTheUpstreams() {
        assertThat(warmUp.done()).isTrue();
        assertThat(READINESS).last().isEqualTo("ACCEPTING_TRAFFIC: warm-up done, 60 answered, composer called, "
                + "user service called, composed route called with a token");
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
                        + ", user service " + (calls("/users/u-9.*") > 0 ? "called" : "idle")
                        + ", composed route " + (Upstreams.shared().backends().countRequestsMatching(
                                getRequestedFor(urlPathEqualTo("/dashboard/u-1000")).withHeader("Authorization",
                                        matching("Bearer .+")).build()).getCount() > 0 ? "called with a token" : "idle"));
            };
        }

        private static int calls(String path) {
            return Upstreams.shared().backends().countRequestsMatching(getRequestedFor(urlPathMatching(path)).build())
                    .getCount();
        }
    }
}

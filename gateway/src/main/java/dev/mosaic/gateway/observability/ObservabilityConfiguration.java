package dev.mosaic.gateway.observability;

import dev.mosaic.gateway.routing.EdgeRoutes;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

/**
 * What makes the gateway's decisions visible: the route-tagged request timer and the access log
 * ({@link EdgeObservation}, in place of Spring's server observation, which is off) and the circuit
 * breakers' transition log. The {@code circuitbreakers}, {@code circuitbreakerevents}
 * and {@code retries} endpoints and the Resilience4j meters come from resilience4j-spring-boot3
 * (which Spring Cloud CircuitBreaker brings) over the registry the route breakers live in.
 * Tracing is the gateway's own ({@code requestid.EdgeTracing}); Micrometer Tracing over OpenTelemetry
 * (Boot's auto-configuration) records the spans of sampled requests.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    EdgeObservation edgeObservation(MeterRegistry registry, EdgeRoutes routes) {
        RequestIdLogCorrelation.register();
        TraceLogCorrelation.register();
        return new EdgeObservation(new RequestTimer(registry), new AccessLog(), new RouteTag(routes));
    }

    @Bean
    WebFilter edgeObservationAttach(EdgeObservation observation) {
        return observation.attach();
    }

    @Bean
    CircuitBreakerTransitionLogger circuitBreakerTransitionLogger(CircuitBreakerRegistry registry) {
        return CircuitBreakerTransitionLogger.attachTo(registry);
    }


    /**
     * {@code EdgeTracing} has decided whether a request is sampled before any span exists (the
     * caller's flag, else the probability), so the SDK records every span it is given: a root span is
     * only started for a request already chosen. Boot's default would draw a second time.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Sampler.class)
    static class Sampling {

        @Bean
        Sampler otelSampler() {
            return Sampler.parentBased(Sampler.alwaysOn());
        }
    }
}

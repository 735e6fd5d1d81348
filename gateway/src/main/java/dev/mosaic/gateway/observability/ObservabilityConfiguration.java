package dev.mosaic.gateway.observability;

import dev.mosaic.gateway.routing.EdgeRoutes;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What makes the gateway's decisions visible: the route-tagged request timer, the access log and
 * the circuit breakers' transition log. The {@code circuitbreakers}, {@code circuitbreakerevents}
 * and {@code retries} endpoints and the Resilience4j meters come from resilience4j-spring-boot3
 * (which Spring Cloud CircuitBreaker brings) over the registry the route breakers live in.
 * Tracing itself (Micrometer Tracing over OpenTelemetry) is Spring Boot's auto-configuration,
 * set in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    RouteTaggedServerRequestConvention routeTaggedServerRequestConvention(ObservationProperties properties,
            EdgeRoutes routes) {
        return new RouteTaggedServerRequestConvention(properties.getHttp().getServer().getRequests().getName(), routes);
    }

    @Bean
    AccessLogObservationHandler accessLogObservationHandler(EdgeRoutes routes) {
        RequestIdLogCorrelation.register();
        return new AccessLogObservationHandler(routes);
    }

    @Bean
    CircuitBreakerTransitionLogger circuitBreakerTransitionLogger(CircuitBreakerRegistry registry) {
        return CircuitBreakerTransitionLogger.attachTo(registry);
    }

}

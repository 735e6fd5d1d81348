package dev.mosaic.composer.observability;

import dev.mosaic.composer.resilience.ResilienceRegistries;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator endpoints over the composer's own Resilience4j registries ({@link ResilienceRegistries}).
 * Resilience4j's Spring Boot 3 module brings equivalent endpoints, but only with its own
 * auto-configured registries, metrics binders and aspects; these three small classes read ours.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    @ConditionalOnAvailableEndpoint
    CircuitBreakersEndpoint circuitBreakersEndpoint(ResilienceRegistries registries) {
        return new CircuitBreakersEndpoint(registries);
    }

    @Bean
    @ConditionalOnAvailableEndpoint
    CircuitBreakerEventsEndpoint circuitBreakerEventsEndpoint(ResilienceRegistries registries) {
        return new CircuitBreakerEventsEndpoint(registries.circuitBreakers());
    }

    @Bean
    @ConditionalOnAvailableEndpoint
    RetriesEndpoint retriesEndpoint(ResilienceRegistries registries) {
        return new RetriesEndpoint(registries);
    }
}

package dev.mosaic.gateway.resilience;

import dev.mosaic.gateway.composition.CompositionRoute;
import dev.mosaic.gateway.composition.CompositionRoutes;
import dev.mosaic.gateway.config.CircuitBreakerProperties;
import dev.mosaic.gateway.config.GatewayProperties;
import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import dev.mosaic.gateway.config.RoutePolicy;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Explicit Resilience4j settings for the per-route circuit breakers Spring Cloud Gateway creates,
 * replacing two hidden Spring Cloud defaults: a 1 s TimeLimiter (here the route's {@code time-limit},
 * above its response timeout) and a 25-call semaphore bulkhead (here
 * {@code circuit-breaker.max-concurrent-calls}, failing fast: a bulkhead that waits would park the
 * event loop). Only upstream faults count as failures ({@link UpstreamFaults}).
 */
@Configuration(proxyBeanMethods = false)
public class ResilienceConfiguration {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> mosaicCircuitBreakers(GatewayProperties gateway,
            CircuitBreakerProperties properties, CompositionRoutes compositions) {
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.slidingWindowSize())
                .minimumNumberOfCalls(properties.minimumNumberOfCalls())
                .failureRateThreshold(properties.failureRateThreshold())
                .waitDurationInOpenState(properties.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(properties.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // only the upstream's faults count: Resilience4j's default records every exception,
                // which would let one client open a route for everyone (oversized or stalled bodies,
                // a full bulkhead); those are ignored, neither failure nor success
                .recordException(UpstreamFaults::isUpstreamFault)
                .ignoreException(error -> !UpstreamFaults.isUpstreamFault(error))
                .build();
        return factory -> {
            factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                    .circuitBreakerConfig(breaker)
                    .timeLimiterConfig(timeLimit(gateway.policyFor(id).timeLimit()))
                    .build());
            for (String route : RouteIds.FIXED) {
                RoutePolicy policy = gateway.policyFor(route);
                factory.configure(builder -> builder.circuitBreakerConfig(breaker)
                        .timeLimiterConfig(timeLimit(policy.timeLimit())), route);
            }
            // one breaker per composition: one composition's failing backend never opens another's
            for (CompositionRoute route : compositions.all()) {
                RoutePolicy policy = gateway.compositionPolicy(route.id(), route.composition().deadline());
                factory.configure(builder -> builder.circuitBreakerConfig(breaker)
                        .timeLimiterConfig(timeLimit(policy.timeLimit())), route.id());
            }
        };
    }

    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> mosaicBulkheads(CircuitBreakerProperties properties) {
        BulkheadConfig bulkhead = BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .build();
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(bulkhead)
                .build());
    }

    private static TimeLimiterConfig timeLimit(Duration limit) {
        return TimeLimiterConfig.custom().timeoutDuration(limit).build();
    }
}

package dev.mosaic.composer.resilience;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

/**
 * The Resilience4j registries every {@link SourcePolicy} registers its instances in (so that
 * metrics binders and actuator endpoints see them).
 *
 * @param circuitBreakers circuit breakers, one per section
 * @param bulkheads semaphore bulkheads, one per section
 * @param timeLimiters per-attempt time limiters, one per section
 * @param retries retries, one per section
 */
public record ResilienceRegistries(CircuitBreakerRegistry circuitBreakers, BulkheadRegistry bulkheads,
        TimeLimiterRegistry timeLimiters, RetryRegistry retries) {

    /** Empty registries with Resilience4j defaults (each section brings its own config). */
    public static ResilienceRegistries ofDefaults() {
        return new ResilienceRegistries(CircuitBreakerRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(),
                TimeLimiterRegistry.ofDefaults(), RetryRegistry.ofDefaults());
    }
}

package dev.mosaic.gateway.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Circuit breaker and bulkhead windows shared by every route, bound from
 * {@code mosaic.gateway.circuit-breaker.*}.
 *
 * <p>Resilience4j's defaults (100 calls before judging, 60 s open) would never open in a demo or a
 * test and would keep a recovered backend dark for a minute; these trip within a few dozen calls and
 * probe again within seconds.
 *
 * @param slidingWindowSize      calls (count based) the failure rate is computed over
 * @param minimumNumberOfCalls   calls before the rate is judged at all
 * @param failureRateThreshold   percentage of failures that opens the circuit
 * @param waitInOpenState        how long the circuit stays open; also the {@code Retry-After} sent
 * @param permittedCallsInHalfOpenState probes let through when half-open
 * @param maxConcurrentCalls     semaphore bulkhead per route (Spring Cloud adds one with 25 by default)
 */
@Validated
@ConfigurationProperties("mosaic.gateway.circuit-breaker")
public record CircuitBreakerProperties(
        @Min(1) @DefaultValue("20") int slidingWindowSize,
        @Min(1) @DefaultValue("10") int minimumNumberOfCalls,
        @Min(1) @Max(100) @DefaultValue("50") float failureRateThreshold,
        @NotNull @DefaultValue("5s") Duration waitInOpenState,
        @Min(1) @DefaultValue("3") int permittedCallsInHalfOpenState,
        @Min(1) @DefaultValue("1000") int maxConcurrentCalls) {
}

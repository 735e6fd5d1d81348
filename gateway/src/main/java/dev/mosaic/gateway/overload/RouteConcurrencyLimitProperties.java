package dev.mosaic.gateway.overload;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The adaptive (Gradient2) concurrency limit of each route ({@code mosaic.gateway.concurrency-limit.*}).
 * Gradient2 leaves a limit alone while fewer than half of it are in flight, so with the default 1024
 * nothing is shed below 512 requests in flight on a route (the benchmarks' highest concurrency);
 * beyond that the limit follows latency, never under {@code min-limit}.
 *
 * @param enabled whether routes are limited
 * @param initialLimit each route's limit at start
 * @param minLimit never below this
 * @param maxLimit never above this
 */
@ConfigurationProperties("mosaic.gateway.concurrency-limit")
@Validated
public record RouteConcurrencyLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1024") @Min(1) int initialLimit,
        @DefaultValue("256") @Min(1) int minLimit,
        @DefaultValue("8192") @Min(1) int maxLimit) {

    /** Bean validation: the three bounds in order. */
    @AssertTrue(message = "needs min-limit <= initial-limit <= max-limit")
    public boolean isOrdered() {
        return minLimit <= initialLimit && initialLimit <= maxLimit;
    }
}

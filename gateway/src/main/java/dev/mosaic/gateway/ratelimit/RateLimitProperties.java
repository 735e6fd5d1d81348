package dev.mosaic.gateway.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-client token bucket, bound from {@code mosaic.gateway.rate-limit.*}.
 *
 * @param enabled           switch the limiter off entirely (no headers, no 429)
 * @param requestsPerSecond sustained rate the bucket refills at
 * @param burst             bucket capacity: how many requests a quiet client may send at once
 * @param store             {@code auto} (Redis when {@code spring.data.redis.host} or {@code .url} is
 *                          set, else memory), {@code memory} or {@code redis}
 * @param maxKeys           bound on in-memory buckets; the least recently used are dropped beyond it
 * @param idleExpiry        an in-memory bucket untouched this long is dropped (it would be full again)
 * @param redisTimeout      how long a request waits for Redis before failing open
 */
@Validated
@ConfigurationProperties("mosaic.gateway.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @DefaultValue("50") int requestsPerSecond,
        @Min(1) @DefaultValue("100") int burst,
        @NotNull @DefaultValue("auto") Store store,
        @Min(1) @DefaultValue("100000") long maxKeys,
        @NotNull @DefaultValue("1m") Duration idleExpiry,
        @NotNull @DefaultValue("100ms") Duration redisTimeout) {

    /** Where the buckets live. */
    public enum Store { AUTO, MEMORY, REDIS }
}

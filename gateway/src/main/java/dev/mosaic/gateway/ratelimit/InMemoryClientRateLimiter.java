package dev.mosaic.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import reactor.core.publisher.Mono;

/**
 * Per-key Bucket4j token buckets held in a Caffeine cache bounded in size and idle time, so that a
 * flood of distinct client keys (spoofed addresses, many users) costs bounded memory.
 *
 * <p>Dropping an idle bucket is harmless: after {@code idleExpiry} (longer than
 * {@code burst / requestsPerSecond}) it would have refilled to full anyway. Dropping a busy one under
 * size pressure briefly grants that client a fresh burst, the price of the bound.
 */
final class InMemoryClientRateLimiter implements ClientRateLimiter {

    private final Cache<String, Bucket> buckets;
    private final Bandwidth bandwidth;
    private final TimeMeter clock;

    InMemoryClientRateLimiter(RateLimitProperties properties) {
        this(properties, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With a clock of the caller's (tests step it by hand). */
    InMemoryClientRateLimiter(RateLimitProperties properties, TimeMeter clock) {
        this.clock = clock;
        this.bandwidth = Bandwidth.builder()
                .capacity(properties.burst())
                .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1))
                .build();
        this.buckets = Caffeine.newBuilder()
                .maximumSize(properties.maxKeys())
                .expireAfterAccess(properties.idleExpiry())
                .build();
    }

    @Override
    public Mono<RateLimitDecision> tryAcquire(String key) {
        return Mono.fromSupplier(() -> {
            // Bucket4j's local bucket is lock-free (CAS); nothing here can block the event loop
            ConsumptionProbe probe = buckets.get(key, k -> Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(clock).build())
                    .tryConsumeAndReturnRemaining(1);
            return new RateLimitDecision(probe.isConsumed(), probe.getRemainingTokens(),
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        });
    }

    /** Buckets currently held (for tests of the memory bound). */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}

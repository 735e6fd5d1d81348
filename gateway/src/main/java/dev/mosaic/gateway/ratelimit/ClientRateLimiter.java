package dev.mosaic.gateway.ratelimit;

import reactor.core.publisher.Mono;

/**
 * A token bucket per client key ({@code sub:<subject>} or {@code ip:<address>}).
 *
 * <pre>{@code
 * ClientRateLimiter limiter = ClientRateLimiter.inMemory(properties);
 * limiter.tryAcquire("sub:u-42").map(RateLimitDecision::allowed);
 * }</pre>
 */
public interface ClientRateLimiter {

    /** Takes one token from {@code key}'s bucket if there is one. Never errors, never blocks. */
    Mono<RateLimitDecision> tryAcquire(String key);

    /** Buckets in this JVM: Bucket4j buckets in a size- and idle-bounded Caffeine cache. */
    static ClientRateLimiter inMemory(RateLimitProperties properties) {
        return new InMemoryClientRateLimiter(properties);
    }
}

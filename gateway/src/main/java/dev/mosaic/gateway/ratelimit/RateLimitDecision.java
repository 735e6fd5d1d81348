package dev.mosaic.gateway.ratelimit;

import java.time.Duration;

/**
 * The outcome of asking for one token.
 *
 * @param allowed    whether the request may proceed
 * @param remaining  tokens left after this request, or -1 when unknown (the store failed open)
 * @param retryAfter when a rejected client may try again ({@link Duration#ZERO} when allowed)
 */
public record RateLimitDecision(boolean allowed, long remaining, Duration retryAfter) {

    /** Let through without knowing the bucket's state, as when the store is unreachable. */
    public static RateLimitDecision failedOpen() {
        return new RateLimitDecision(true, -1, Duration.ZERO);
    }
}

package dev.mosaic.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.TimeMeter;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryClientRateLimiterTests {

    private static RateLimitProperties properties(int rps, int burst, long maxKeys) {
        return new RateLimitProperties(true, rps, burst, RateLimitProperties.Store.MEMORY, maxKeys,
                Duration.ofMinutes(1), Duration.ofMillis(100));
    }

    @Test
    void burstIsGrantedThenTheBucketRefusesWithAWait() {
        ClientRateLimiter limiter = ClientRateLimiter.inMemory(properties(1, 2, 100));

        StepVerifier.create(limiter.tryAcquire("k").concatWith(limiter.tryAcquire("k")).concatWith(limiter.tryAcquire("k")))
                .assertNext(d -> assertThat(d.allowed()).isTrue())
                .assertNext(d -> assertThat(d.remaining()).isZero())
                .assertNext(d -> {
                    assertThat(d.allowed()).isFalse();
                    assertThat(d.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void manyDistinctKeysStayWithinTheConfiguredBound() {
        InMemoryClientRateLimiter limiter = new InMemoryClientRateLimiter(properties(10, 10, 500));

        for (int i = 0; i < 20_000; i++) {
            limiter.tryAcquire("ip:10.0." + (i / 256) + "." + (i % 256)).block(Duration.ofSeconds(1));
        }

        assertThat(limiter.size()).isLessThanOrEqualTo(500);
    }

    @Test
    void aBurstBelowHalfTheRateStillLimits() {
        // the configuration the Redis store refuses (2 x burst < requests-per-second) works in memory:
        // a bucket of 2 that refills 50 per second grants 2 at once, then refuses until a token is back
        AtomicLong nanos = new AtomicLong();
        TimeMeter clock = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos.get();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        ClientRateLimiter limiter = new InMemoryClientRateLimiter(properties(50, 2, 100), clock);

        StepVerifier.create(limiter.tryAcquire("k").concatWith(limiter.tryAcquire("k")).concatWith(limiter.tryAcquire("k")))
                .assertNext(d -> assertThat(d.allowed()).isTrue())
                .assertNext(d -> assertThat(d.allowed()).isTrue())
                .assertNext(d -> {
                    assertThat(d.allowed()).as("the third request at once").isFalse();
                    assertThat(d.retryAfter()).isEqualTo(Duration.ofMillis(20));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));

        nanos.addAndGet(Duration.ofMillis(20).toNanos());
        StepVerifier.create(limiter.tryAcquire("k"))
                .assertNext(d -> assertThat(d.allowed()).as("a token is back 20 ms later").isTrue())
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }
}

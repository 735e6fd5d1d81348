package dev.mosaic.composer.resilience;

import java.util.concurrent.atomic.AtomicLong;

/** Lock-free token bucket in thousandths of a token; see {@link RetryBudget#tokenBucket}. */
final class TokenBucketRetryBudget implements RetryBudget {

    private static final long SCALE = 1000;

    private final long deposit;
    private final long capacity;
    private final AtomicLong tokens;

    TokenBucketRetryBudget(double ratio, int reserve) {
        if (ratio < 0 || ratio > 1) {
            throw new IllegalArgumentException("ratio must be in [0, 1]: " + ratio);
        }
        if (reserve < 1) {
            throw new IllegalArgumentException("reserve must be at least 1: " + reserve);
        }
        this.deposit = Math.round(ratio * SCALE);
        this.capacity = reserve * SCALE;
        this.tokens = new AtomicLong(capacity);
    }

    @Override
    public void onRequest() {
        // the common case, a full bucket, costs a read and no write
        long current = tokens.get();
        while (current < capacity) {
            long next = Math.min(capacity, current + deposit);
            if (tokens.compareAndSet(current, next)) {
                return;
            }
            current = tokens.get();
        }
    }

    @Override
    public boolean tryAcquireRetry() {
        long current = tokens.get();
        while (current >= SCALE) {
            if (tokens.compareAndSet(current, current - SCALE)) {
                return true;
            }
            current = tokens.get();
        }
        return false;
    }

    @Override
    public double available() {
        return (double) tokens.get() / SCALE;
    }
}

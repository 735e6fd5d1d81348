package dev.mosaic.composer.resilience;

/**
 * Caps retries to a fraction of recent requests, per backend, so that a failing backend sees at most
 * {@code (1 + ratio)} times its normal load instead of {@code maxAttempts} times (the idea of gRPC
 * retry throttling and Armeria's {@code RetryLimiter.tokenBased}).
 *
 * <pre>{@code
 * RetryBudget budget = RetryBudget.tokenBucket(0.2, 10);
 * budget.onRequest();              // every first attempt earns 0.2 token
 * if (budget.tryAcquireRetry()) {  // every retry costs one
 *     ...
 * }
 * }</pre>
 */
public interface RetryBudget {

    /**
     * A token bucket: each request deposits {@code ratio} tokens, each retry withdraws one; the bucket
     * holds at most {@code reserve} tokens and starts full.
     */
    static RetryBudget tokenBucket(double ratio, int reserve) {
        return new TokenBucketRetryBudget(ratio, reserve);
    }

    /** Records a request (a first attempt). */
    void onRequest();

    /** Takes the permission for one retry, if the budget has it. */
    boolean tryAcquireRetry();

    /** Retries currently available (for metrics and tests). */
    double available();
}

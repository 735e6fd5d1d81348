package dev.mosaic.composer.resilience;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recent latencies of a source's successful attempts, and a percentile of them kept up to date:
 * the live delay after which a hedge is sent. A ring of the last {@value #SIZE} samples, re-sorted
 * every {@value #EVERY} samples, so that recording costs a store and, amortised, a few comparisons.
 * Concurrent writers may overwrite each other's slot now and then: the percentile is an estimate
 * either way.
 */
final class LatencyWindow {

    static final int SIZE = 512;
    static final int EVERY = 32;

    private final long[] ring = new long[SIZE];
    private final AtomicLong recorded = new AtomicLong();
    private final double percentile;
    private final int minSamples;
    private volatile long current = -1;

    /**
     * @param percentile e.g. 0.95
     * @param minSamples no estimate before this many samples
     */
    LatencyWindow(double percentile, int minSamples) {
        this.percentile = percentile;
        this.minSamples = minSamples;
    }

    void record(long millis) {
        long n = recorded.getAndIncrement();
        ring[(int) (n % SIZE)] = millis;
        if (n + 1 >= minSamples && ((n + 1) % EVERY == 0 || current < 0)) {
            int size = (int) Math.min(n + 1, SIZE);
            long[] sorted = Arrays.copyOf(ring, size);
            Arrays.sort(sorted);
            current = sorted[Math.max(0, (int) Math.ceil(percentile * size) - 1)];
        }
    }

    /** The percentile in milliseconds, or -1 before {@code minSamples} samples. */
    long percentileMillis() {
        return current;
    }
}

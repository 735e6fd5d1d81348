package dev.mosaic.stubs.console.view;

import java.util.Map;
import java.util.NavigableMap;

/**
 * Quantiles from cumulative histogram buckets, the way PromQL's {@code histogram_quantile} estimates
 * them: find the bucket the rank falls into and interpolate linearly inside it (from 0 for the first
 * bucket). A rank in the {@code +Inf} bucket answers the highest finite bound: we cannot know more.
 */
final class Quantiles {

    private Quantiles() {
    }

    /**
     * The {@code q}-quantile in milliseconds of buckets in seconds ({@code le} → cumulative count),
     * or {@code null} when they count nothing.
     */
    static Double millis(double q, NavigableMap<Double, Double> buckets) {
        if (buckets.isEmpty()) {
            return null;
        }
        double total = buckets.lastEntry().getValue();
        if (total <= 0) {
            return null;
        }
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double upperBound = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank) {
                if (Double.isInfinite(upperBound)) {
                    return lowerBound * 1000;
                }
                double inBucket = count - lowerCount;
                double fraction = inBucket <= 0 ? 1 : (rank - lowerCount) / inBucket;
                return (lowerBound + (upperBound - lowerBound) * fraction) * 1000;
            }
            lowerBound = upperBound;
            lowerCount = count;
        }
        return lowerBound * 1000;
    }
}

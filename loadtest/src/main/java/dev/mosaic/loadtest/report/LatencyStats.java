package dev.mosaic.loadtest.report;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a set of requests: latency percentiles (nearest rank), error, degraded and shed
 * rates, and a count per status.
 *
 * @param count        requests
 * @param p50          median latency, ms
 * @param p95          95th percentile, ms
 * @param p99          99th percentile, ms
 * @param p999         99.9th percentile, ms (the slowest but one in a thousand)
 * @param max          slowest, ms
 * @param errorRate    share of requests that were not a 200 (no response counts as an error)
 * @param degradedRate share of 200s with {@code X-Dashboard-Complete: false}
 * @param shedRate     share of requests answered 429 or 503
 * @param statusCounts requests per status ({@code 0} = no response)
 */
public record LatencyStats(long count, long p50, long p95, long p99, long p999, long max, double errorRate,
        double degradedRate, double shedRate, Map<Integer, Long> statusCounts) {

    /** Figures of no requests at all. */
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    public LatencyStats {
        statusCounts = Map.copyOf(statusCounts);
    }

    /** Figures of {@code requests}. */
    public static LatencyStats of(Collection<RequestRecord> requests) {
        if (requests.isEmpty()) {
            return EMPTY;
        }
        long[] latencies = requests.stream().mapToLong(RequestRecord::latencyMs).sorted().toArray();
        long failed = requests.stream().filter(RequestRecord::failed).count();
        long served = requests.stream().filter(RequestRecord::served).count();
        long degraded = requests.stream().filter(RequestRecord::degraded).count();
        long shed = requests.stream().filter(RequestRecord::shed).count();
        Map<Integer, Long> statuses = new TreeMap<>();
        requests.forEach(r -> statuses.merge(r.status(), 1L, Long::sum));
        return new LatencyStats(latencies.length, percentile(latencies, 50), percentile(latencies, 95),
                percentile(latencies, 99), percentile(latencies, 99.9), latencies[latencies.length - 1], (double) failed / latencies.length,
                served == 0 ? 0 : (double) degraded / served, (double) shed / latencies.length, statuses);
    }

    /**
     * Nearest-rank percentile of sorted values: the smallest value with at least {@code p}% of the
     * values at or below it.
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    /**
     * The {@code percentile}th latency: 50, 95, 99 or 999 (for 99.9).
     *
     * @throws IllegalArgumentException for any other
     */
    public long at(int percentile) {
        return switch (percentile) {
            case 50 -> p50;
            case 95 -> p95;
            case 99 -> p99;
            case 999 -> p999;
            default -> throw new IllegalArgumentException("percentile must be 50, 95, 99 or 999, was " + percentile);
        };
    }

    /** Requests answered with {@code status}. */
    public long countOf(int status) {
        return statusCounts.getOrDefault(status, 0L);
    }
}

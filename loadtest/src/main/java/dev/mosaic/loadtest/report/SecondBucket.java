package dev.mosaic.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The requests sent in one second of a run, summarised for the timeline chart.
 *
 * @param second   seconds from the start of the run
 * @param count    requests sent in this second
 * @param p50      median latency, ms
 * @param p95      95th percentile, ms
 * @param p99      99th percentile, ms
 * @param errors   requests that were not a 200
 * @param degraded 200s with {@code X-Dashboard-Complete: false}
 */
public record SecondBucket(long second, long count, long p50, long p95, long p99, long errors, long degraded) {

    /** One bucket per second that saw a request, in time order. */
    public static List<SecondBucket> of(List<RequestRecord> requests, long startEpochMs) {
        Map<Long, List<RequestRecord>> bySecond = new TreeMap<>();
        for (RequestRecord r : requests) {
            bySecond.computeIfAbsent(Math.floorDiv(r.startEpochMs() - startEpochMs, 1000), k -> new ArrayList<>()).add(r);
        }
        List<SecondBucket> buckets = new ArrayList<>();
        bySecond.forEach((second, inSecond) -> {
            LatencyStats stats = LatencyStats.of(inSecond);
            long errors = inSecond.stream().filter(RequestRecord::failed).count();
            long degraded = inSecond.stream().filter(RequestRecord::degraded).count();
            buckets.add(new SecondBucket(second, stats.count(), stats.p50(), stats.p95(), stats.p99(), errors, degraded));
        });
        return buckets;
    }
}

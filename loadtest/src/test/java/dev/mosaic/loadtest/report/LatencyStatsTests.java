package dev.mosaic.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LatencyStatsTests {

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }

        assertThat(LatencyStats.percentile(sorted, 50)).isEqualTo(50);
        assertThat(LatencyStats.percentile(sorted, 95)).isEqualTo(95);
        assertThat(LatencyStats.percentile(sorted, 99)).isEqualTo(99);
        assertThat(LatencyStats.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(LatencyStats.percentile(new long[] {1, 1000}, 50)).isEqualTo(1);
    }

    @Test
    void countsErrorsDegradedAndShedSeparately() {
        List<RequestRecord> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(RequestRecord.ok(i, 10));
        }
        requests.add(RequestRecord.degraded(7, 20, Map.of("orders", "TIMEOUT")));
        requests.add(RequestRecord.degraded(8, 20, Map.of("orders", "TIMEOUT")));
        requests.add(RequestRecord.error(9, 2, 429, "application/problem+json", "1"));
        requests.add(RequestRecord.error(10, 900, 0, null, null));

        LatencyStats stats = LatencyStats.of(requests);

        assertThat(stats.count()).isEqualTo(10);
        assertThat(stats.errorRate()).isEqualTo(0.2);
        assertThat(stats.degradedRate()).isEqualTo(2.0 / 8);
        assertThat(stats.shedRate()).isEqualTo(0.1);
        assertThat(stats.max()).isEqualTo(900);
        assertThat(stats.statusCounts()).containsEntry(200, 8L).containsEntry(429, 1L).containsEntry(0, 1L);
        assertThat(stats.countOf(503)).isZero();
    }

    @Test
    void noRequestsGiveZeroesNotAnError() {
        assertThat(LatencyStats.of(List.of())).isEqualTo(LatencyStats.EMPTY);
    }
}

package dev.mosaic.composer.dashboard;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import dev.mosaic.composer.section.SectionOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Timers {@code mosaic.section} (tags section, status, reason) and {@code mosaic.dashboard} (tag
 * outcome = complete|partial|failed). Every tag value comes from a closed set, and timers are looked
 * up once per combination, not built per request.
 */
public final class DashboardMetrics {

    private record SectionKey(String section, String status, String reason) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<SectionKey, Timer> sectionTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> dashboardTimers = new ConcurrentHashMap<>();

    public DashboardMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(Dashboard dashboard, long elapsedMillis) {
        for (SectionOutcome s : dashboard.sections()) {
            String reason = s.reason() == null ? "none" : s.reason().name();
            sectionTimers.computeIfAbsent(new SectionKey(s.name(), s.status().name(), reason),
                    key -> Timer.builder("mosaic.section")
                            .description("Time spent on one dashboard section, retries and fallback included")
                            .tag("section", key.section())
                            .tag("status", key.status())
                            .tag("reason", key.reason())
                            .register(registry))
                    .record(s.latencyMs(), TimeUnit.MILLISECONDS);
        }
        dashboardTimers.computeIfAbsent(dashboard.outcome(),
                outcome -> Timer.builder("mosaic.dashboard")
                        .description("Time to compose one dashboard")
                        .tag("outcome", outcome)
                        .register(registry))
                .record(elapsedMillis, TimeUnit.MILLISECONDS);
    }
}

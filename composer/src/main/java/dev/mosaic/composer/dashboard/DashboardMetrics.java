package dev.mosaic.composer.dashboard;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import dev.mosaic.composer.resilience.PolicyEvents;
import dev.mosaic.composer.resilience.RetryBudget;
import dev.mosaic.composer.section.FailureReason;
import dev.mosaic.composer.section.SectionOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The composer's own meters. Every tag value comes from a closed set (section names, enums), and
 * meters are looked up once per combination, not built per request.
 * <ul>
 * <li>{@code mosaic.section} timer (section, status, reason): one section of one dashboard, retries
 * and fallback included;</li>
 * <li>{@code mosaic.dashboard} timer (outcome = complete|partial|failed);</li>
 * <li>{@code mosaic.section.attempts} counter (section, result = OK, a failure reason, or
 * CANCELLED): backend calls, each retry counted;</li>
 * <li>{@code mosaic.retry.budget} counter (section, decision = granted|denied) and
 * {@code mosaic.retry.budget.available} gauge (section): the retry budget's decisions and
 * tokens.</li>
 * </ul>
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

    /** The attempt and retry-budget counters of one section, registered now at zero. */
    PolicyEvents policyEvents(String section) {
        return new SectionPolicyMeters(registry, section);
    }

    /** Publishes the tokens left in a section's retry budget. */
    void bindRetryBudget(String section, RetryBudget budget) {
        Gauge.builder("mosaic.retry.budget.available", budget, RetryBudget::available)
                .description("Retries the section's retry budget would grant now")
                .tag("section", section)
                .register(registry);
    }

    private static final class SectionPolicyMeters implements PolicyEvents {

        private final Counter succeeded;
        private final Counter cancelled;
        private final Map<FailureReason, Counter> failed = new EnumMap<>(FailureReason.class);
        private final Counter granted;
        private final Counter denied;

        SectionPolicyMeters(MeterRegistry registry, String section) {
            succeeded = attempts(registry, section, "OK");
            cancelled = attempts(registry, section, "CANCELLED");
            for (FailureReason reason : FailureReason.values()) {
                failed.put(reason, attempts(registry, section, reason.name()));
            }
            granted = budget(registry, section, "granted");
            denied = budget(registry, section, "denied");
        }

        private static Counter attempts(MeterRegistry registry, String section, String result) {
            return Counter.builder("mosaic.section.attempts")
                    .description("Backend calls by how they ended (OK, a failure reason, CANCELLED by the deadline)")
                    .tag("section", section)
                    .tag("result", result)
                    .register(registry);
        }

        private static Counter budget(MeterRegistry registry, String section, String decision) {
            return Counter.builder("mosaic.retry.budget")
                    .description("Retry-budget decisions for retries the deadline allowed")
                    .tag("section", section)
                    .tag("decision", decision)
                    .register(registry);
        }

        @Override
        public void attemptEnded(FailureReason failure) {
            (failure == null ? succeeded : failed.get(failure)).increment();
        }

        @Override
        public void attemptCancelled() {
            cancelled.increment();
        }

        @Override
        public void retryBudget(boolean isGranted) {
            (isGranted ? granted : denied).increment();
        }
    }
}

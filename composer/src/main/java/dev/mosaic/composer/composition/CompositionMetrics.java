package dev.mosaic.composer.composition;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import dev.mosaic.composer.balancing.InstanceHealth;
import dev.mosaic.composer.balancing.InstanceState;
import dev.mosaic.composer.balancing.SourceBalancer;
import dev.mosaic.composer.resilience.Coalescer;
import dev.mosaic.composer.resilience.ConcurrencyLimit;
import dev.mosaic.composer.resilience.FailureReason;
import dev.mosaic.composer.resilience.HedgeEvent;
import dev.mosaic.composer.resilience.PolicyEvents;
import dev.mosaic.composer.resilience.RetryBudget;
import dev.mosaic.composer.section.SectionOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The composer's own meters. Every tag value comes from a closed set (composition, section and
 * source names from the files, enums), and meters are looked up once per combination, not built per
 * request.
 * <ul>
 * <li>{@code mosaic.section} timer (composition, section, status, reason): one section of one
 * answer, retries and fallback included;</li>
 * <li>{@code mosaic.composition} timer (composition, outcome = complete|partial|failed), and for the
 * dashboard also {@code mosaic.dashboard} (outcome), as before compositions;</li>
 * <li>{@code mosaic.composition.owner.denied} counter (composition): answers refused because the
 * caller does not own the data;</li>
 * <li>{@code mosaic.section.attempts} counter (section = the source, source, result = OK, a failure
 * reason, or CANCELLED): backend calls per source, each retry counted;</li>
 * <li>{@code mosaic.retry.budget} counter (section = the source, source, decision = granted|denied)
 * and {@code mosaic.retry.budget.available} gauge (section = the source, source): the retry
 * budget's decisions and tokens. Policies are per source; the {@code section} tag keeps the name it
 * had when every source had exactly one dashboard section.</li>
 * <li>{@code mosaic.source.instances} gauge (source, state = healthy|ejected|unhealthy) and
 * {@code mosaic.source.instance.ejections} counter (source, instance = host:port, state = ejected|unhealthy):
 * the instances of a source with several, and how often each was taken out.</li>
 * </ul>
 */
public final class CompositionMetrics {

    private record SectionKey(String composition, String section, String status, String reason) {
    }

    private record OutcomeKey(String composition, String outcome) {
    }

    /** The composition whose timer is also published as {@code mosaic.dashboard}. */
    static final String DASHBOARD = "dashboard";

    private final MeterRegistry registry;
    private final ConcurrentMap<SectionKey, Timer> sectionTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> dashboardTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<OutcomeKey, Timer> compositionTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> ownerDenials = new ConcurrentHashMap<>();

    public CompositionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Publishes how many of the balancer's instances are in each state. */
    public void bindBalancer(SourceBalancer balancer) {
        for (InstanceState state : InstanceState.values()) {
            Gauge.builder("mosaic.source.instances", balancer, b -> b.count(state))
                    .description("Instances of a source with several, by state")
                    .tag("source", balancer.source())
                    .tag("state", state.tag())
                    .register(registry);
        }
    }

    /** Counts every time an instance is taken out (ejected by its calls, or a failed health check). */
    public InstanceHealth.Listener instanceTransitions() {
        return (instance, from, to, why) -> {
            if (to != InstanceState.HEALTHY) {
                Counter.builder("mosaic.source.instance.ejections")
                        .description("Times an instance of a source was taken out of the balancer")
                        .tag("source", instance.getServiceId())
                        .tag("instance", instance.getInstanceId())
                        .tag("state", to.tag())
                        .register(registry)
                        .increment();
            }
        };
    }

    void record(Composed composed, long elapsedMillis) {
        String composition = composed.composition();
        for (SectionOutcome s : composed.sections()) {
            String reason = s.reason() == null ? "none" : s.reason().name();
            sectionTimers.computeIfAbsent(new SectionKey(composition, s.name(), s.status().name(), reason),
                    key -> Timer.builder("mosaic.section")
                            .description("Time spent on one section of a composed answer, retries and fallback included")
                            .tag("composition", key.composition())
                            .tag("section", key.section())
                            .tag("status", key.status())
                            .tag("reason", key.reason())
                            .register(registry))
                    .record(s.latencyMs(), TimeUnit.MILLISECONDS);
        }
        String outcome = composed.outcome();
        compositionTimers.computeIfAbsent(new OutcomeKey(composition, outcome),
                key -> Timer.builder("mosaic.composition")
                        .description("Time to compose one answer")
                        .tag("composition", key.composition())
                        .tag("outcome", key.outcome())
                        .register(registry))
                .record(elapsedMillis, TimeUnit.MILLISECONDS);
        if (DASHBOARD.equals(composition)) {
            dashboardTimers.computeIfAbsent(outcome,
                    o -> Timer.builder("mosaic.dashboard")
                            .description("Time to compose one dashboard")
                            .tag("outcome", o)
                            .register(registry))
                    .record(elapsedMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Counts an answer refused because the caller does not own its data. */
    void ownerDenied(String composition) {
        ownerDenials.computeIfAbsent(composition, name -> Counter.builder("mosaic.composition.owner.denied")
                .description("Answers refused (404) because the caller's token does not own the data")
                .tag("composition", name)
                .register(registry))
                .increment();
    }

    /** The attempt and retry-budget counters of one source, registered now at zero. */
    public PolicyEvents policyEvents(String section) {
        return new SectionPolicyMeters(registry, section);
    }

    /** Publishes the tokens left in a source's retry budget. */
    public void bindRetryBudget(String section, RetryBudget budget) {
        Gauge.builder("mosaic.retry.budget.available", budget, RetryBudget::available)
                .description("Retries the source's retry budget would grant now")
                .tag("section", section)
                .tag("source", section)
                .register(registry);
    }

    /**
     * The gauges and counter of a concurrency limit: {@code mosaic.concurrency.limit},
     * {@code mosaic.concurrency.in.flight} and {@code mosaic.concurrency.rejected}, tagged with
     * {@code limit} (a source's name, or {@code door} for the composer's own admission limit).
     */
    public void bindConcurrencyLimit(String name, ConcurrencyLimit limit) {
        if (limit == ConcurrencyLimit.unlimited()) {
            return;
        }
        Gauge.builder("mosaic.concurrency.limit", limit, ConcurrencyLimit::limit)
                .description("Calls the adaptive concurrency limit admits at once now")
                .tag("limit", name)
                .register(registry);
        Gauge.builder("mosaic.concurrency.in.flight", limit, ConcurrencyLimit::inFlight)
                .description("Calls in flight under the concurrency limit")
                .tag("limit", name)
                .register(registry);
        FunctionCounter.builder("mosaic.concurrency.rejected", limit, ConcurrencyLimit::rejected)
                .description("Calls refused by the concurrency limit (OVERLOADED)")
                .tag("limit", name)
                .register(registry);
    }

    /**
     * The counters of a source's request coalescing: {@code mosaic.coalesced{source, kind}}, kind
     * {@code in-flight} (joined an identical call in flight) or {@code fresh} (served an answer that
     * had just arrived).
     */
    public void bindCoalescer(String source, Coalescer coalescer) {
        if (!coalescer.enabled()) {
            return;
        }
        FunctionCounter.builder("mosaic.coalesced", coalescer, Coalescer::coalesced)
                .description("Backend calls not made: they joined an identical call in flight")
                .tag("source", source).tag("kind", "in-flight")
                .register(registry);
        FunctionCounter.builder("mosaic.coalesced", coalescer, Coalescer::servedFresh)
                .description("Backend calls not made: an identical answer had just arrived")
                .tag("source", source).tag("kind", "fresh")
                .register(registry);
    }

    private static final class SectionPolicyMeters implements PolicyEvents {

        private final Counter succeeded;
        private final Counter cancelled;
        private final Map<FailureReason, Counter> failed = new EnumMap<>(FailureReason.class);
        private final Counter granted;
        private final Counter denied;
        private final Map<HedgeEvent, Counter> hedges = new EnumMap<>(HedgeEvent.class);

        SectionPolicyMeters(MeterRegistry registry, String section) {
            for (HedgeEvent event : HedgeEvent.values()) {
                hedges.put(event, Counter.builder("mosaic.hedges")
                        .description("Hedged backend calls: sent, won (answered first), cancelled (the first "
                                + "attempt won), denied (no hedge budget)")
                        .tag("source", section)
                        .tag("event", event.tag())
                        .register(registry));
            }
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
                    .tag("source", section)
                    .tag("result", result)
                    .register(registry);
        }

        private static Counter budget(MeterRegistry registry, String section, String decision) {
            return Counter.builder("mosaic.retry.budget")
                    .description("Retry-budget decisions for retries the deadline allowed")
                    .tag("section", section)
                    .tag("source", section)
                    .tag("decision", decision)
                    .register(registry);
        }

        @Override
        public void hedge(HedgeEvent event) {
            hedges.get(event).increment();
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

package dev.mosaic.composer.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.mosaic.composer.client.BackendClient;
import dev.mosaic.composer.config.SourceProperties;
import dev.mosaic.composer.resilience.Deadline;
import dev.mosaic.composer.resilience.ResilienceRegistries;
import dev.mosaic.composer.resilience.SectionPolicy;
import dev.mosaic.composer.section.Section;
import dev.mosaic.composer.section.SectionOutcome;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Composes a dashboard: every requested section runs concurrently under one request deadline, and
 * each contributes an outcome whatever happens to the others.
 */
public final class DashboardComposer {

    private final List<SectionCall> sections;
    private final Duration deadline;
    private final DashboardMetrics metrics;

    DashboardComposer(List<SectionCall> sections, Duration deadline, DashboardMetrics metrics) {
        this.sections = List.copyOf(sections);
        this.deadline = deadline;
        this.metrics = metrics;
    }

    /**
     * A composer over {@code sections}, each with its own policy and cache.
     *
     * @param sections the sections in dashboard order, each with its resolved configuration
     * @param deadline the whole request's deadline
     */
    public static DashboardComposer create(List<ConfiguredSection> sections, Duration deadline,
            BackendClient client, ResilienceRegistries registries, DashboardMetrics metrics, Clock clock,
            Ticker ticker) {
        List<SectionCall> calls = new ArrayList<>();
        for (ConfiguredSection s : sections) {
            SourceProperties source = s.source();
            String name = s.section().name();
            SectionPolicy policy = SectionPolicy.create(name, source, registries, clock, metrics.policyEvents(name));
            metrics.bindRetryBudget(name, policy.retryBudget());
            calls.add(new SectionCall(s.section(), s.required(), source.url().toString(), client, policy,
                    LastKnownGoodCache.create(source.cache().ttl(), source.cache().maxSize(), ticker)));
        }
        return new DashboardComposer(calls, deadline, metrics);
    }

    /**
     * A section with its configuration.
     *
     * @param section the section
     * @param required whether the dashboard fails without it
     * @param source its backend and policy configuration
     */
    public record ConfiguredSection(Section section, boolean required, SourceProperties source) {
    }

    /** Names of the known sections, in dashboard order. */
    public List<String> sectionNames() {
        return sections.stream().map(SectionCall::name).toList();
    }

    /** The composed dashboard; never fails. */
    public Mono<Dashboard> compose(DashboardRequest request) {
        return Mono.defer(() -> {
            Deadline requestDeadline = Deadline.after(deadline);
            // one timer per request, shared by its sections, instead of one per section
            Sinks.One<Boolean> expiry = Sinks.one();
            Disposable timer = Schedulers.parallel().schedule(() -> expiry.tryEmitValue(Boolean.TRUE),
                    deadline.toMillis(), TimeUnit.MILLISECONDS);
            Mono<Boolean> expired = expiry.asMono();
            List<Mono<SectionOutcome>> calls = new ArrayList<>(sections.size());
            for (SectionCall call : sections) {
                calls.add(request.include().contains(call.name())
                        ? call.execute(request, requestDeadline, expired)
                        : Mono.just(SectionOutcome.skipped(call.name(), call.required())));
            }
            return Mono.zip(calls, outcomes -> {
                SectionOutcome[] typed = Arrays.copyOf(outcomes, outcomes.length, SectionOutcome[].class);
                Dashboard dashboard = new Dashboard(request.userId(), List.of(typed));
                metrics.record(dashboard, requestDeadline.elapsedMillis());
                return dashboard;
            }).doFinally(signal -> timer.dispose());
        });
    }
}

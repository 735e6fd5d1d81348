package dev.mosaic.composer.composition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.mosaic.composer.resilience.Deadline;
import dev.mosaic.composer.resilience.FailureReason;
import dev.mosaic.composer.resilience.TimeSource;
import dev.mosaic.composer.section.SectionCall;
import dev.mosaic.composer.section.SectionOutcome;
import dev.mosaic.composer.section.SectionStatus;
import dev.mosaic.compositions.Composition;
import dev.mosaic.compositions.OwnerRule;
import dev.mosaic.compositions.RequestTemplate;
import dev.mosaic.compositions.SectionDefinition;
import dev.mosaic.compositions.SectionGraph;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Runs one composition as a dependency graph under one deadline: every section whose request needs
 * no other section starts at once; a dependent starts the moment the last section it needs has an
 * outcome, with the values it needs; a dependent of a failed section is not called
 * ({@code DEPENDENCY_FAILED}); a fan-out over no values makes no call. A section-field owner is
 * checked the moment its section answers, before any section that needs it starts.
 *
 * <pre>{@code
 * CompositionEngine engine = CompositionEngine.create(composition, calls, Duration.ofMillis(900), metrics, time);
 * engine.compose(new CompositionRequest(Map.of("orderId", "o-1"), engine.sectionNames(), forwarded, identity));
 * }</pre>
 */
public final class CompositionEngine {

    private final Composition composition;
    private final List<PlannedSection> sections;
    private final Set<String> sectionNames;
    private final SectionGraph graph;
    private final Duration deadline;
    private final Duration attemptFloor;
    private final CompositionMetrics metrics;
    private final TimeSource time;
    private final int ownerIndex;
    /** Per section: whether another section needs its outcome (only those are published). */
    private final boolean[] publishes;
    /** What a request for every section runs: computed once, the common case. */
    private final Set<String> allNeeded;

    private CompositionEngine(Composition composition, List<PlannedSection> sections, Duration deadline,
            Duration attemptFloor, CompositionMetrics metrics, TimeSource time) {
        this.attemptFloor = attemptFloor;
        this.composition = composition;
        this.sections = List.copyOf(sections);
        this.sectionNames = new LinkedHashSet<>(composition.sectionNames());
        this.graph = new SectionGraph(composition.sections());
        this.deadline = deadline;
        this.metrics = metrics;
        this.time = time;
        int owner = -1;
        if (composition.owner() instanceof OwnerRule.SectionField field) {
            owner = composition.sectionNames().indexOf(field.reference().section());
        }
        this.ownerIndex = owner;
        this.publishes = new boolean[this.sections.size()];
        for (PlannedSection s : this.sections) {
            for (int need : s.needs()) {
                publishes[need] = true;
            }
        }
        this.allNeeded = needed(sectionNames);
    }

    /**
     * An engine for {@code composition}.
     *
     * @param calls each section's call, by section name
     * @param defaultDeadline the deadline when the composition sets none
     */
    public static CompositionEngine create(Composition composition, Map<String, SectionCall> calls,
            Duration defaultDeadline, CompositionMetrics metrics, TimeSource time) {
        return create(composition, calls, defaultDeadline, Duration.ZERO, metrics, time);
    }

    /**
     * An engine for {@code composition}.
     *
     * @param calls each section's call, by section name
     * @param defaultDeadline the deadline when the composition sets none
     * @param attemptFloor no backend attempt starts with less of the deadline left
     */
    public static CompositionEngine create(Composition composition, Map<String, SectionCall> calls,
            Duration defaultDeadline, Duration attemptFloor, CompositionMetrics metrics, TimeSource time) {
        List<String> names = composition.sectionNames();
        List<PlannedSection> planned = new ArrayList<>();
        for (SectionDefinition s : composition.sections()) {
            int[] needs = s.dependencies().stream().mapToInt(names::indexOf).sorted().toArray();
            SectionCall call = calls.get(s.name());
            if (call == null) {
                throw new IllegalArgumentException("no call for section '" + s.name() + "'");
            }
            planned.add(new PlannedSection(s, call, needs));
        }
        Duration deadline = composition.deadline() != null ? composition.deadline() : defaultDeadline;
        return new CompositionEngine(composition, planned, deadline, attemptFloor, metrics, time);
    }

    /** The composition it runs. */
    public Composition composition() {
        return composition;
    }

    /** The section names, in response order. */
    public Set<String> sectionNames() {
        return sectionNames;
    }

    /** The request deadline. */
    public Duration deadline() {
        return deadline;
    }

    /** The composed answer; never fails. */
    public Mono<Composed> compose(CompositionRequest request) {
        return Mono.defer(() -> {
            // a client may ask for less time than the composition allows, never more
            Duration budget = request.timeout() != null && request.timeout().compareTo(deadline) < 0
                    ? request.timeout() : deadline;
            Deadline requestDeadline = Deadline.after(budget, attemptFloor, time);
            // one timer per request, shared by its sections, instead of one per section
            Sinks.One<Boolean> expiry = Sinks.one();
            Disposable timer = time.timer().schedule(() -> expiry.tryEmitValue(Boolean.TRUE), budget.toMillis(),
                    TimeUnit.MILLISECONDS);
            Run run = new Run(request, requestDeadline, expiry.asMono());
            Set<String> needed = needed(request.include());
            List<Mono<SectionOutcome>> outcomes = new ArrayList<>(sections.size());
            for (int i = 0; i < sections.size(); i++) {
                PlannedSection s = sections.get(i);
                outcomes.add(needed.contains(s.name()) ? run.section(i)
                        : Mono.just(SectionOutcome.skipped(s.name(), s.call().required())));
            }
            return Mono.zip(outcomes, results -> {
                List<SectionOutcome> shown = new ArrayList<>(results.length);
                for (int i = 0; i < results.length; i++) {
                    SectionOutcome outcome = (SectionOutcome) results[i];
                    boolean asked = request.include().contains(outcome.name());
                    // a required section that failed fails the answer (404/503/504, owner denied
                    // included) even when it only ran for another section: hidden, it would be a 200
                    shown.add(asked || outcome.status() == SectionStatus.SKIPPED || outcome.failsDashboard() ? outcome
                            : outcome.hidden());
                }
                Composed composed = new Composed(composition.name(), request.params(), List.copyOf(shown));
                metrics.record(composed, requestDeadline.elapsedMillis());
                return composed;
            }).doFinally(signal -> timer.dispose());
        });
    }

    /** The included sections, what they need, and the owner check's section and what it needs. */
    private Set<String> needed(Set<String> include) {
        if (include == sectionNames && allNeeded != null) {
            return allNeeded;
        }
        Set<String> roots = new LinkedHashSet<>(include);
        if (ownerIndex >= 0) {
            roots.add(sections.get(ownerIndex).name());
        }
        return graph.closure(roots);
    }

    /** One request's run: each section's outcome, published for the sections that need it. */
    private final class Run {

        private final CompositionRequest request;
        private final Deadline deadline;
        private final Mono<Boolean> expired;
        private final List<Sinks.One<SectionOutcome>> published;

        Run(CompositionRequest request, Deadline deadline, Mono<Boolean> expired) {
            this.request = request;
            this.deadline = deadline;
            this.expired = expired;
            this.published = new ArrayList<>(sections.size());
            for (int i = 0; i < sections.size(); i++) {
                // a section nothing needs publishes nothing: no sink, no operator (the dashboard's case)
                published.add(publishes[i] ? Sinks.one() : null);
            }
        }

        Mono<SectionOutcome> section(int index) {
            PlannedSection s = sections.get(index);
            Mono<SectionOutcome> outcome;
            if (s.needs().length == 0) {
                outcome = start(s, Map.of());
            } else {
                List<Mono<SectionOutcome>> inputs = new ArrayList<>(s.needs().length);
                for (int need : s.needs()) {
                    inputs.add(published.get(need).asMono());
                }
                outcome = Mono.zip(inputs, results -> {
                    Map<String, SectionOutcome> byName = new HashMap<>(results.length * 2);
                    for (Object r : results) {
                        SectionOutcome o = (SectionOutcome) r;
                        byName.put(o.name(), o);
                    }
                    return byName;
                }).flatMap(inputsByName -> start(s, inputsByName));
            }
            if (index == ownerIndex) {
                outcome = outcome.map(this::checkOwner);
            }
            Sinks.One<SectionOutcome> sink = published.get(index);
            return sink == null ? outcome : outcome.doOnNext(sink::tryEmitValue);
        }

        private Mono<SectionOutcome> start(PlannedSection s, Map<String, SectionOutcome> inputs) {
            SectionCall call = s.call();
            for (SectionOutcome input : inputs.values()) {
                if (input.payload() == null) {
                    return Mono.just(call.notCalled(FailureReason.DEPENDENCY_FAILED));
                }
            }
            String uri;
            try {
                uri = s.definition().request().render(new SectionValues(request.params(), inputs));
            } catch (RequestTemplate.MissingValueException e) {
                return Mono.just(call.notCalled(FailureReason.DEPENDENCY_FAILED));
            }
            if (uri == null) {
                return Mono.just(call.nothingToFetch());
            }
            return call.execute(uri, request.forwarded(), deadline, expired);
        }

        /**
         * The owner section's outcome as the response may show it: unchanged when the caller may read
         * the owner's data; otherwise "not found", so that nothing needing it is called and an id
         * cannot be told from one that does not exist.
         */
        private SectionOutcome checkOwner(SectionOutcome outcome) {
            if (outcome.payload() == null || request.identity() == null) {
                // no data: the required section fails the composition anyway; no identity: an
                // anonymous internal call, which the web layer only lets through where allowed
                return outcome;
            }
            OwnerRule.SectionField rule = (OwnerRule.SectionField) composition.owner();
            String owner = new SectionValues(request.params(), Map.of(outcome.name(), outcome)).single(rule.reference());
            if (owner != null && request.identity().mayRead(owner)) {
                return outcome;
            }
            metrics.ownerDenied(composition.name());
            return new SectionOutcome(outcome.name(), outcome.required(), SectionStatus.FAILED,
                    dev.mosaic.composer.section.SectionSource.NONE, FailureReason.NOT_FOUND, outcome.attempts(),
                    outcome.latencyMs(), null, null, null);
        }
    }

    @Override
    public String toString() {
        return "CompositionEngine[" + composition.name() + ", sections " + Arrays.toString(sectionNames.toArray())
                + "]";
    }
}

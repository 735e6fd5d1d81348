package dev.mosaic.composer.composition;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mosaic.composer.client.ForwardedHeaders;
import dev.mosaic.composer.identity.Identity;
import dev.mosaic.composer.resilience.PolicySettings;
import dev.mosaic.composer.resilience.ResilienceRegistries;
import dev.mosaic.composer.resilience.SourcePolicy;
import dev.mosaic.composer.resilience.TimeSource;
import dev.mosaic.composer.section.JsonSlices;
import dev.mosaic.composer.section.LastKnownGoodCache;
import dev.mosaic.composer.section.SectionCall;
import dev.mosaic.composer.section.SectionPayload;
import dev.mosaic.compositions.Composition;
import dev.mosaic.compositions.Compositions;
import dev.mosaic.compositions.SectionDefinition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Builds an engine for a composition written inline, over {@link ScriptedBackends}, with policies
 * that never get in the way unless a test asks (1 s attempt timeout, one attempt, a breaker that
 * needs 100 calls): what is tested is the graph, the deadline and the fallback chain.
 */
final class EngineHarness {

    static final Duration DEFAULT_DEADLINE = Duration.ofMillis(900);

    final ScriptedBackends backends = new ScriptedBackends();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private int maxAttempts = 1;
    private Duration attemptTimeout = Duration.ofSeconds(1);
    private Duration attemptFloor = Duration.ZERO;

    EngineHarness retries(int attempts) {
        this.maxAttempts = attempts;
        return this;
    }

    EngineHarness attemptTimeout(Duration timeout) {
        this.attemptTimeout = timeout;
        return this;
    }

    EngineHarness attemptFloor(Duration floor) {
        this.attemptFloor = floor;
        return this;
    }

    CompositionEngine engine(String yaml) {
        Composition composition = Compositions.of(Map.of("test.yaml", yaml), Map.of(), List.of()).all().stream()
                .filter(c -> !c.file().startsWith("compositions/")).findFirst().orElseThrow();
        TimeSource time = TimeSource.reactor();
        CompositionMetrics metrics = new CompositionMetrics(meters);
        ResilienceRegistries registries = ResilienceRegistries.ofDefaults();
        PolicySettings settings = new PolicySettings(attemptTimeout,
                new PolicySettings.Retry(maxAttempts, Duration.ofMillis(20), 2.0, 0.0, Duration.ofMillis(100),
                        Duration.ofMillis(50), 1.0, 100),
                new PolicySettings.Breaker(100, 100, 50, Duration.ofSeconds(5), 1), 100);
        Map<String, SourcePolicy> policies = new LinkedHashMap<>();
        Map<String, SectionCall> calls = new LinkedHashMap<>();
        for (SectionDefinition s : composition.sections()) {
            SourcePolicy policy = policies.computeIfAbsent(s.source(),
                    name -> SourcePolicy.create(name, settings, registries, time));
            calls.put(s.name(), new SectionCall(s.name(), s.required(), "http://backend", backends, policy,
                    LastKnownGoodCache.create(Duration.ofMinutes(1), 100, time::nanos),
                    JsonSlices.selector(s.select()).expecting(s.type()),
                    s.fallback() == null ? null : SectionPayload.ofJson(s.fallback())));
        }
        return CompositionEngine.create(composition, calls, DEFAULT_DEADLINE, attemptFloor, metrics, time);
    }

    static CompositionRequest request(CompositionEngine engine, Map<String, String> params, Identity identity,
            String... include) {
        Set<String> included = include.length == 0 ? engine.sectionNames() : new LinkedHashSet<>(List.of(include));
        return new CompositionRequest(params, included, ForwardedHeaders.NONE, identity);
    }

    /** A request for every section of {@code engine} whose client asks for at most {@code timeout}. */
    static CompositionRequest withTimeout(CompositionEngine engine, Map<String, String> params, Duration timeout) {
        return new CompositionRequest(params, engine.sectionNames(), ForwardedHeaders.NONE, null, timeout);
    }
}

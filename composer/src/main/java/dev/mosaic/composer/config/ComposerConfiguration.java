package dev.mosaic.composer.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mosaic.composer.balancing.HealthProbe;
import dev.mosaic.composer.balancing.InstanceHealth;
import dev.mosaic.composer.balancing.InstanceStateLog;
import dev.mosaic.composer.balancing.SourceBalancer;
import dev.mosaic.composer.balancing.SourceBalancers;
import dev.mosaic.composer.client.BackendClient;
import dev.mosaic.composer.composition.CompositionEngine;
import dev.mosaic.composer.composition.CompositionEngines;
import dev.mosaic.composer.composition.CompositionMetrics;
import dev.mosaic.composer.observability.CircuitStateLog;
import dev.mosaic.composer.resilience.ConcurrencyLimit;
import dev.mosaic.composer.resilience.ResilienceRegistries;
import dev.mosaic.composer.resilience.SourcePolicy;
import dev.mosaic.composer.resilience.TimeSource;
import dev.mosaic.composer.section.JsonSlices;
import dev.mosaic.composer.section.LastKnownGoodCache;
import dev.mosaic.composer.section.SectionCall;
import dev.mosaic.composer.section.SectionPayload;
import dev.mosaic.composer.warmup.WarmUp;
import dev.mosaic.composer.warmup.WarmUpProperties;
import dev.mosaic.compositions.Composition;
import dev.mosaic.compositions.CompositionProblem;
import dev.mosaic.compositions.Compositions;
import dev.mosaic.compositions.InvalidCompositionException;
import dev.mosaic.compositions.SectionDefinition;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the composition core from the composition files and {@link ComposerProperties}: the backend
 * client, one resilience policy per source, one call (with its cache and fallback) per section, one
 * engine per composition. This is the one place where configuration is mapped onto the core's own
 * types. Refuses to start on a composition that names an unknown source or cannot form a URI.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ComposerProperties.class, WarmUpProperties.class})
public class ComposerConfiguration {

    /** The composition whose legacy properties ({@code sources.<s>.required}, {@code recommendations.popular}) apply. */
    static final String DASHBOARD = "dashboard";

    @Bean
    TimeSource timeSource() {
        return TimeSource.reactor();
    }

    @Bean
    Compositions compositions(Environment environment, ComposerProperties properties) {
        Compositions compositions = Compositions.load(environment.getProperty(Compositions.LOCATION_PROPERTY),
                Compositions.GATEWAY_ROUTES);
        compositions.requireSources(properties.sources().keySet());
        return compositions;
    }

    @Bean(destroyMethod = "dispose")
    BackendClient backendClient(ComposerProperties properties) {
        return BackendClient.reactorNetty(properties.client().toSettings());
    }

    @Bean
    ResilienceRegistries resilienceRegistries(MeterRegistry meterRegistry) {
        ResilienceRegistries registries = ResilienceRegistries.ofDefaults();
        CircuitStateLog.attachTo(registries.circuitBreakers());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registries.circuitBreakers()).bindTo(meterRegistry);
        TaggedBulkheadMetrics.ofBulkheadRegistry(registries.bulkheads()).bindTo(meterRegistry);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(registries.timeLimiters()).bindTo(meterRegistry);
        TaggedRetryMetrics.ofRetryRegistry(registries.retries()).bindTo(meterRegistry);
        return registries;
    }

    /** Dashboards through the composer's own port before it reports ready (see {@link WarmUp}). */
    @Bean
    WarmUp warmUp(WarmUpProperties properties, Environment environment, ResilienceRegistries registries,
            ObjectProvider<org.springframework.web.reactive.function.client.WebClient.Builder> clients) {
        return new WarmUp(properties, environment, registries,
                clients.getIfAvailable(org.springframework.web.reactive.function.client.WebClient::builder));
    }

    /** The composer's door: an adaptive limit on composition requests in flight. */
    @Bean
    ConcurrencyLimit admissionLimit(ComposerProperties properties, TimeSource time, CompositionMetrics metrics) {
        ComposerProperties.Admission admission = properties.admission();
        if (!admission.enabled()) {
            return ConcurrencyLimit.unlimited();
        }
        ConcurrencyLimit limit = ConcurrencyLimit.adaptive("door", new ConcurrencyLimit.Settings(
                admission.initialLimit(), admission.minLimit(), admission.maxLimit()), time);
        metrics.bindConcurrencyLimit("door", limit);
        return limit;
    }

    @Bean
    CompositionMetrics compositionMetrics(MeterRegistry meterRegistry) {
        return new CompositionMetrics(meterRegistry);
    }

    /**
     * A balancer for every source with several {@code urls}; a source with one URL gets none and calls
     * it directly, as before.
     */
    @Bean(destroyMethod = "dispose")
    SourceBalancers sourceBalancers(ComposerProperties properties, CompositionMetrics metrics) {
        InstanceHealth.Listener log = new InstanceStateLog();
        InstanceHealth.Listener counted = metrics.instanceTransitions();
        InstanceHealth.Listener listener = (instance, from, to, why) -> {
            counted.transitioned(instance, from, to, why);
            log.transitioned(instance, from, to, why);
        };
        Map<String, SourceBalancer> balancers = new LinkedHashMap<>();
        properties.sources().forEach((name, source) -> {
            if (source.baseUrls().size() > 1) {
                SourceBalancer balancer = SourceBalancer.create(name, source.baseUrls(), source.toBalancerSettings(),
                        listener);
                metrics.bindBalancer(balancer);
                balancers.put(name, balancer);
            }
        });
        return new SourceBalancers(balancers);
    }

    /**
     * The instances' health checks start once the composer is ready, after its warm-up: a cold JVM
     * starting up on two busy cores answered its first checks too late and took every instance out
     * (harmless, all are offered then, but noisy). Until then calls alone eject an instance.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> balancerHealthChecks(SourceBalancers balancers, BackendClient client,
            TimeSource time) {
        return event -> balancers.all().forEach(b -> b.startHealthChecks(HealthProbe.over(client), time));
    }

    @Bean
    CompositionEngines compositionEngines(Compositions compositions, ComposerProperties properties,
            BackendClient client, ResilienceRegistries registries, CompositionMetrics metrics, TimeSource time,
            JsonMapper jsonMapper, SourceBalancers balancers) {
        Map<String, SourcePolicy> policies = new LinkedHashMap<>();
        for (Composition composition : compositions.all()) {
            for (String source : composition.sources()) {
                policies.computeIfAbsent(source, name -> {
                    SourcePolicy policy = SourcePolicy.create(name, properties.sources().get(name).toPolicySettings(),
                            registries, time, metrics.policyEvents(name));
                    metrics.bindRetryBudget(name, policy.retryBudget());
                    metrics.bindConcurrencyLimit(name, policy.concurrencyLimit());
                    metrics.bindCoalescer(name, policy.coalescer());
                    return policy;
                });
            }
        }
        SectionPayload popular = popular(properties, jsonMapper);
        List<CompositionEngine> engines = compositions.all().stream().map(composition -> {
            Map<String, SectionCall> calls = new LinkedHashMap<>();
            for (SectionDefinition s : composition.sections()) {
                SourceProperties source = properties.sources().get(s.source());
                boolean required = s.required();
                SectionPayload fallback = s.fallback() == null ? null : SectionPayload.ofJson(s.fallback());
                if (DASHBOARD.equals(composition.name())) {
                    if (source.required() != null && s.name().equals(s.source())) {
                        required = source.required();
                    }
                    if (popular != null && s.name().equals("recommendations")) {
                        fallback = popular;
                    }
                }
                LastKnownGoodCache cache = LastKnownGoodCache.create(source.cache().ttl(), source.cache().maxSize(),
                        time::nanos);
                JsonSlices.Selector selector = JsonSlices.selector(s.select()).expecting(s.type());
                SourceBalancer balancer = balancers.of(s.source());
                SectionCall call = balancer == null
                        ? new SectionCall(s.name(), required, source.baseUrls().get(0).toString(), client,
                                policies.get(s.source()), cache, selector, fallback)
                        : new SectionCall(s.name(), required, balancer, client, policies.get(s.source()), cache,
                                selector, fallback);
                requireValidUri(composition, s, call);
                calls.put(s.name(), call);
            }
            return CompositionEngine.create(composition, calls, properties.deadline(), properties.attemptFloor(),
                    metrics, time);
        }).toList();
        return new CompositionEngines(engines);
    }

    /** Every request a template can produce must be a URI: checked once with placeholder values. */
    private static void requireValidUri(Composition composition, SectionDefinition section, SectionCall call) {
        try {
            String sample = section.request().render(new SampleValues());
            call.uri(sample == null ? "/" : sample);
        } catch (IllegalArgumentException e) {
            throw new InvalidCompositionException(List.of(new CompositionProblem(composition.file(),
                    "sections." + section.name() + ".get", "does not form a valid URI with the source's url: "
                            + e.getMessage())));
        }
    }

    private static SectionPayload popular(ComposerProperties properties, JsonMapper jsonMapper) {
        List<Map<String, Object>> items = properties.recommendations().popular().stream()
                .map(item -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("productId", item.productId());
                    json.put("title", item.title());
                    json.put("reason", "POPULAR");
                    return json;
                })
                .toList();
        return items.isEmpty() ? null : SectionPayload.ofJson(jsonMapper.writeValueAsString(items));
    }

    private static final class SampleValues implements dev.mosaic.compositions.RequestTemplate.Values {
        @Override
        public String param(String name) {
            return "x";
        }

        @Override
        public List<String> values(dev.mosaic.compositions.Reference reference) {
            return List.of("x");
        }
    }
}

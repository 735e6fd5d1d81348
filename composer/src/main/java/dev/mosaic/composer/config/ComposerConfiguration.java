package dev.mosaic.composer.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.mosaic.composer.client.BackendClient;
import dev.mosaic.composer.dashboard.DashboardComposer;
import dev.mosaic.composer.dashboard.DashboardComposer.ConfiguredSection;
import dev.mosaic.composer.dashboard.DashboardMetrics;
import dev.mosaic.composer.observability.CircuitStateLog;
import dev.mosaic.composer.resilience.ResilienceRegistries;
import dev.mosaic.composer.section.Section;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the composition core from {@link ComposerProperties}: the backend client, one resilience
 * policy and cache per section, metrics. Refuses to start on configuration that names an unknown
 * section or leaves a known one without a URL.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ComposerProperties.class)
public class ComposerConfiguration {

    private static final String SOURCES = "mosaic.composer.sources.";

    @Bean(destroyMethod = "dispose")
    BackendClient backendClient(ComposerProperties properties, ObjectProvider<ObservationRegistry> observations) {
        return BackendClient.create(properties.client(), observations.getIfAvailable(() -> ObservationRegistry.NOOP));
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

    @Bean
    DashboardMetrics dashboardMetrics(MeterRegistry meterRegistry) {
        return new DashboardMetrics(meterRegistry);
    }

    @Bean
    DashboardComposer dashboardComposer(List<Section> sections, ComposerProperties properties,
            BackendClient backendClient, ResilienceRegistries registries, DashboardMetrics metrics) {
        List<String> known = sections.stream().map(Section::name).toList();
        for (String configured : properties.sources().keySet()) {
            if (!known.contains(configured)) {
                throw new InvalidConfigurationPropertyValueException(SOURCES + configured, configured,
                        "Unknown section '" + configured + "'; known sections: " + String.join(", ", known));
            }
        }
        List<ConfiguredSection> configured = new ArrayList<>();
        for (Section section : sections) {
            SourceProperties source = properties.sources().get(section.name());
            if (source == null || source.url() == null) {
                throw new InvalidConfigurationPropertyValueException(SOURCES + section.name() + ".url", null,
                        "Section '" + section.name() + "' needs a backend URL");
            }
            boolean required = source.required() != null ? source.required() : section.requiredByDefault();
            configured.add(new ConfiguredSection(section, required, source));
        }
        return DashboardComposer.create(configured, properties.deadline(), backendClient, registries, metrics,
                Clock.systemUTC(), Ticker.systemTicker());
    }
}

package dev.mosaic.composer.tracing;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The composer's request tracing ({@link RequestTracing}), in place of Spring's server and client
 * observations, which {@code application.yml} switches off: the same {@code traceparent} to every
 * backend, {@code X-Trace-Id} and sampled spans, without an {@code Observation} per request and
 * attempt. Read from Boot's own properties: {@code management.tracing.sampling.probability} and
 * {@code management.tracing.export.enabled} ({@code false}: pass the caller's context through).
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    @Bean
    RequestTracing requestTracing(ObjectProvider<Tracer> tracer,
            @Value("${management.tracing.export.enabled:true}") boolean propagating,
            @Value("${management.tracing.sampling.probability:0.1}") double probability) {
        return propagating ? RequestTracing.propagating(tracer.getIfAvailable(() -> Tracer.NOOP), probability)
                : RequestTracing.passThrough();
    }

    @Bean
    TracingWebFilter tracingWebFilter(RequestTracing tracing,
            @Value("${management.endpoints.web.base-path:/actuator}") String actuatorPath) {
        return new TracingWebFilter(tracing, actuatorPath);
    }

    /**
     * {@link RequestTracing} has decided whether a request is sampled before any span exists (the
     * caller's flag, else the probability), so the SDK records every span it is given: a root span
     * is only started for a request already chosen. Boot's default would draw a second time.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Sampler.class)
    static class Sampling {

        @Bean
        Sampler otelSampler() {
            return Sampler.parentBased(Sampler.alwaysOn());
        }
    }
}

package dev.mosaic.gateway.web;

import dev.mosaic.gateway.config.GatewayProperties;
import dev.mosaic.gateway.error.ProblemWriter;
import dev.mosaic.gateway.requestid.EdgeTracing;
import dev.mosaic.gateway.requestid.RequestIdWebFilter;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The web filters every exchange passes before security and routing. */
@Configuration(proxyBeanMethods = false)
public class EdgeWebConfiguration {

    /**
     * The gateway traces requests itself ({@link EdgeTracing}), from Boot's properties:
     * {@code management.tracing.sampling.probability}, and {@code management.tracing.export.enabled}
     * (Boot 4's switch for propagation and export; {@code management.tracing.enabled} is gone): off,
     * the caller's {@code traceparent} is passed on unchanged and no span is recorded.
     */
    @Bean
    EdgeTracing edgeTracing(ObjectProvider<Tracer> tracer,
            @Value("${management.tracing.export.enabled:true}") boolean propagating,
            @Value("${management.tracing.sampling.probability:0.1}") double probability) {
        return propagating ? EdgeTracing.propagating(tracer.getIfAvailable(() -> Tracer.NOOP), probability)
                : EdgeTracing.passThrough();
    }

    @Bean
    RequestIdWebFilter requestIdWebFilter(EdgeTracing tracing) {
        return new RequestIdWebFilter(tracing);
    }

    @Bean
    RequestSizeLimitWebFilter requestSizeLimitWebFilter(GatewayProperties properties, ProblemWriter writer) {
        return new RequestSizeLimitWebFilter(properties.maxRequestSize(), writer);
    }
}

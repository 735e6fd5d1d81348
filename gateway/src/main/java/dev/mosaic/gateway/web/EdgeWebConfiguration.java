package dev.mosaic.gateway.web;

import dev.mosaic.gateway.config.GatewayProperties;
import dev.mosaic.gateway.error.ProblemWriter;
import dev.mosaic.gateway.requestid.RequestIdWebFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The web filters every exchange passes before security and routing. */
@Configuration(proxyBeanMethods = false)
public class EdgeWebConfiguration {

    /**
     * Boot 4's switch for trace propagation and export ({@code management.tracing.enabled} is gone):
     * off, the tracer still starts spans but neither reads nor writes {@code traceparent}.
     */
    @Bean
    RequestIdWebFilter requestIdWebFilter(
            @Value("${management.tracing.export.enabled:true}") boolean tracerPropagates) {
        return new RequestIdWebFilter(tracerPropagates);
    }

    @Bean
    RequestSizeLimitWebFilter requestSizeLimitWebFilter(GatewayProperties properties, ProblemWriter writer) {
        return new RequestSizeLimitWebFilter(properties.maxRequestSize(), writer);
    }
}

package dev.mosaic.gateway.web;

import dev.mosaic.gateway.config.GatewayProperties;
import dev.mosaic.gateway.error.ProblemWriter;
import dev.mosaic.gateway.requestid.RequestIdWebFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The web filters every exchange passes before security and routing. */
@Configuration(proxyBeanMethods = false)
public class EdgeWebConfiguration {

    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    RequestSizeLimitWebFilter requestSizeLimitWebFilter(GatewayProperties properties, ProblemWriter writer) {
        return new RequestSizeLimitWebFilter(properties.maxRequestSize(), writer);
    }
}

package dev.mosaic.gateway.error;

import dev.mosaic.gateway.config.CircuitBreakerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/** Problem+json for every error the gateway itself produces. */
@Configuration(proxyBeanMethods = false)
public class ErrorConfiguration {

    @Bean
    ProblemWriter problemWriter(JsonMapper json) {
        return new ProblemWriter(json);
    }

    /** Ahead of Boot's own handler (order -1), which would render Whitelabel-style error maps. */
    @Bean
    @Order(-2)
    ProblemErrorWebExceptionHandler problemErrorWebExceptionHandler(ProblemWriter writer,
            CircuitBreakerProperties circuitBreaker) {
        return new ProblemErrorWebExceptionHandler(writer, circuitBreaker.waitInOpenState());
    }

    /** 404 problems for unmatched paths, written without raising an exception first. */
    @Bean
    NoRouteHandlerMapping noRouteHandlerMapping(ProblemWriter writer) {
        return new NoRouteHandlerMapping(writer);
    }
}

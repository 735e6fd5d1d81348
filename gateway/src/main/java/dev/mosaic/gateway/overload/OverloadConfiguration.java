package dev.mosaic.gateway.overload;

import dev.mosaic.gateway.error.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The per-route adaptive concurrency limits ({@code mosaic.gateway.concurrency-limit.enabled}, on by default). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RouteConcurrencyLimitProperties.class)
class OverloadConfiguration {

    @Bean
    @ConditionalOnProperty(name = "mosaic.gateway.concurrency-limit.enabled", matchIfMissing = true)
    RouteConcurrencyLimits routeConcurrencyLimits(RouteConcurrencyLimitProperties settings, ProblemWriter problems,
            MeterRegistry meters) {
        return new RouteConcurrencyLimits(settings, problems, meters);
    }
}

package dev.mosaic.gateway.warmup;

import dev.mosaic.gateway.config.GatewayProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import reactor.netty.http.client.HttpClient;

/** The warm-up before readiness (see {@link GatewayWarmUp}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayWarmUpProperties.class)
public class GatewayWarmUpConfiguration {

    /** With the routes' own HTTP client (Spring Cloud Gateway's), so that their connection pool is warm too. */
    @Bean
    GatewayWarmUp gatewayWarmUp(GatewayWarmUpProperties properties, GatewayProperties gateway, Environment environment,
            ObjectProvider<HttpClient> upstream, ObjectProvider<CircuitBreakerRegistry> breakers) {
        return new GatewayWarmUp(properties, gateway, environment, upstream.getIfAvailable(HttpClient::create),
                breakers.getIfAvailable(CircuitBreakerRegistry::ofDefaults));
    }
}

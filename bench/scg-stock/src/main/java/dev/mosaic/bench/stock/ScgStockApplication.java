package dev.mosaic.bench.stock;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Spring Cloud Gateway as the reference docs build it: routes, filters, the resource server, the
 * breakers, the rate limit and the observations are all configuration ({@code application.yml}).
 * The only code is what the docs have the user write as beans: the security chain and the rate
 * limiter's key resolver.
 */
@SpringBootApplication
public class ScgStockApplication {

    public static void main(String[] args) {
        SpringApplication.run(ScgStockApplication.class, args);
    }

    /**
     * Boot's default resource-server chain (every request authenticated with a JWT) plus the actuator
     * endpoints open, as Boot's actuator security docs show: without it the default chain would also
     * ask the management port (127.0.0.1 only) for a token, and nothing could scrape it.
     */
    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http
                .authorizeExchange(exchanges -> exchanges
                        .matchers(EndpointRequest.toAnyEndpoint()).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()))
                .build();
    }

    /** One rate-limit bucket per caller: the verified JWT's subject ({@code #{@subjectKeyResolver}}). */
    @Bean
    KeyResolver subjectKeyResolver() {
        return exchange -> exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> ((JwtAuthenticationToken) principal).getToken().getSubject());
    }
}

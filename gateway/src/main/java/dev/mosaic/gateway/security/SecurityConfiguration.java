package dev.mosaic.gateway.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import dev.mosaic.gateway.composition.CompositionRoutes;
import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import dev.mosaic.gateway.error.ProblemWriter;
import dev.mosaic.gateway.web.CorsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * The edge's security: stateless bearer-token authentication on {@code /api/**}, caller-scoped
 * authorisation ({@link CallerScope} for the pass-through routes, {@link CompositionAccess} for the
 * compositions), CORS for the configured SPA origins and the standard security headers.
 *
 * <p>Everything outside {@code /api/**} is open: the API description ({@code /openapi.json},
 * {@code /docs}) and otherwise routing's 404; the actuator lives on the management port only.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({JwtProperties.class, CorsProperties.class})
public class SecurityConfiguration {

    /** Distinct verified tokens remembered (about 2 KB each). */
    static final long VERIFIED_TOKENS = 10_000;

    /**
     * No Spring Security observations at all. Switching them off by name
     * ({@code management.observations.enable.spring.security=false}) only makes each observation a
     * no-op: the filter chain is still wrapped filter by filter in observation decorators, a few
     * Reactor operators per security filter per request. With these settings Spring Security does not
     * decorate anything. {@code http.server.requests} still times every exchange.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(ProblemWriter writer) {
        return new ProblemSecurityHandlers(writer);
    }

    /**
     * RS256 only: an {@code alg: none} token, or an HS256 token signed with the public key as an
     * HMAC secret (algorithm confusion), never reaches signature checking. Issuer and expiry are
     * mandatory, with a small clock skew.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull)));
        if (properties.verifiedTokenTtl().isZero()) {
            return decoder;
        }
        return new VerifiedTokenCache(decoder, VERIFIED_TOKENS, properties.verifiedTokenTtl(), properties.clockSkew(),
                Clock.systemUTC());
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemSecurityHandlers problems,
            CorsProperties cors, CompositionRoutes compositions) {
        CompositionAccess compositionAccess = new CompositionAccess(compositions);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(spec -> spec.configurationSource(corsSource(cors)))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.mode(Mode.DENY))
                        // HSTS only makes sense behind TLS, which terminates in front of this port
                        .hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable)
                        // proxied answers keep the upstream's caching; our own errors say no-store
                        .cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                // first match wins: the pass-through routes (the benchmarked path) first, then the
                // compositions, then any other /api path (authenticated, then a 404 from routing)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/users/{userId}/**").access(CallerScope.pathVariable("userId"))
                        // one order by id (/orders/{orderId}) names its owner only in its body: a userId
                        // in the query would prove nothing, so only a read-any token passes; callers
                        // read their own orders through the list or the order-detail composition
                        .pathMatchers("/api/orders/*/**").access(CallerScope.readAny())
                        .pathMatchers("/api/orders/**", "/api/recommendations/**")
                        .access(CallerScope.queryParameter("userId"))
                        .pathMatchers(RouteIds.ME_DASHBOARD_PATH, RouteIds.ME_DASHBOARD_PATH + "/")
                        .access(CompositionAccess.scopeOnly())
                        .matchers(compositionAccess).access(compositionAccess)
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }

    private static CorsConfigurationSource corsSource(CorsProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (properties.allowedOrigins().isEmpty()) {
            return source;
        }
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(properties.allowedMethods());
        cors.setAllowedHeaders(properties.allowedHeaders());
        cors.setExposedHeaders(properties.exposedHeaders());
        cors.setAllowCredentials(properties.allowCredentials());
        cors.setMaxAge(properties.maxAge());
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}

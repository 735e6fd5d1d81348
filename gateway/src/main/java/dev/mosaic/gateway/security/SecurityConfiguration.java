package dev.mosaic.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.mosaic.gateway.composition.CompositionRoutes;
import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import dev.mosaic.gateway.error.ProblemWriter;
import dev.mosaic.gateway.web.CorsPolicyWebFilter;
import dev.mosaic.gateway.web.CorsProperties;
import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
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
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The edge's security: stateless bearer-token authentication on {@code /api/**} against the
 * configured identity provider's keys ({@link JwkKeys}), caller-scoped authorisation of exactly the
 * documented shapes ({@link CallerScope} for the pass-through routes, {@link CompositionAccess} for
 * the compositions; every other {@code /api} path denied), CORS for the configured SPA origins only
 * ({@link CorsPolicyWebFilter}), the standard security headers, and which upstream sees which
 * credential ({@link UpstreamCredentialsFilter}).
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
    /** The issuer of stub-services' development identity provider (the dev profile's). */
    static final String DEV_ISSUER = "http://localhost:9000";
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** The largest JWK set answer read (a set of a few keys is a few KB). */
    static final int MAX_JWK_SET_BYTES = 256 * 1024;

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
     * The identity provider's keys, fetched over their own small pool (never the upstreams' pool)
     * with connect and response timeouts, refreshed in the background. Creating it fails start-up
     * when no identity provider is configured ({@link IdentityProviderNotConfiguredException}).
     */
    @Bean(destroyMethod = "close")
    JwkKeys jwkKeys(JwtProperties properties) {
        JwtProperties.IdentityProvider provider = properties.identityProvider();
        String audience = provider.audience() != null ? provider.audience() : "not checked";
        if (DEV_ISSUER.equals(provider.issuer())) {
            log.warn("Trusting the DEVELOPMENT identity provider ({}, keys {}), which mints any token for anyone: "
                    + "for development only, never where others can reach this gateway", provider.issuer(),
                    provider.jwkSetUri());
        } else {
            log.info("Trusting tokens from issuer {} (keys {}, audience {})", provider.issuer(), provider.jwkSetUri(),
                    audience);
        }
        ConnectionProvider pool = ConnectionProvider.builder("mosaic-identity")
                .maxConnections(2)
                .pendingAcquireMaxCount(64)
                .pendingAcquireTimeout(properties.jwkTimeout())
                .maxIdleTime(Duration.ofSeconds(20))
                .build();
        HttpClient http = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.jwkConnectTimeout().toMillis())
                .responseTimeout(properties.jwkTimeout());
        WebClient client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                // a JWK set is a few KB; anything far larger is not one
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_JWK_SET_BYTES))
                .build();
        return new JwkKeys(client, provider.jwkSetUri(), properties.jwkTimeout(), properties.jwkRefreshInterval(),
                properties.jwkMinRefetchInterval(), Clock.systemUTC(), Schedulers.parallel())
                .closing(pool::dispose);
    }

    /**
     * The background refresh starts once the application is ready, not while it starts: a first fetch
     * made while the JVM is still busy starting (cold JIT, every CPU taken) was seen to miss its 2 s
     * timeout. A request that comes earlier fetches the keys itself.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> jwkKeysRefresh(JwkKeys keys) {
        return ready -> keys.start();
    }

    /**
     * RS256 only: an {@code alg: none} token, or an HS256 token signed with the public key as an
     * HMAC secret (algorithm confusion), never reaches signature checking. Issuer, expiry and a
     * subject are mandatory, the audience when one is configured, with a small clock skew. A token
     * whose keys cannot be fetched fails with {@link IdentityProviderUnavailableException} (503), not
     * as a bad token.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties, JwkKeys keys) {
        JwtProperties.IdentityProvider provider = properties.identityProvider();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys::forToken)
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtIssuerValidator(provider.issuer()),
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
                // no subject, no caller: nothing to scope the request or its rate limit to
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, sub -> sub instanceof String s && !s.isBlank())));
        if (provider.audience() != null) {
            validators.add(new JwtAudienceValidator(provider.audience()));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        // Nimbus wraps a key source's error in an IllegalStateException that Spring Security would
        // let through as a 500: unwrap ours so that it is reported as what it is
        ReactiveJwtDecoder verifying = token -> decoder.decode(token)
                .onErrorMap(e -> IdentityProviderUnavailableException.in(e) != null,
                        IdentityProviderUnavailableException::in);
        if (properties.verifiedTokenTtl().isZero()) {
            return verifying;
        }
        return new VerifiedTokenCache(verifying, VERIFIED_TOKENS, properties.verifiedTokenTtl(), properties.clockSkew(),
                Clock.systemUTC(), keys::trusts);
    }

    /** Credentials and client baggage kept from the upstreams that need not see them. */
    @Bean
    UpstreamCredentialsFilter upstreamCredentialsFilter(JwtProperties properties) {
        return new UpstreamCredentialsFilter(properties.tokenRelayRoutes());
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ProblemSecurityHandlers problems,
            CorsProperties cors, CompositionRoutes compositions, ProblemWriter writer) {
        CompositionAccess compositionAccess = new CompositionAccess(compositions);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                // our own CORS filter in the place of Spring Security's: it refuses unlisted origins (403)
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .addFilterAt(new CorsPolicyWebFilter(cors, writer), SecurityWebFiltersOrder.CORS)
                .headers(headers -> headers
                        .frameOptions(frame -> frame.mode(Mode.DENY))
                        // HSTS only makes sense behind TLS, which terminates in front of this port
                        .hsts(ServerHttpSecurity.HeaderSpec.HstsSpec::disable)
                        // proxied answers keep the upstream's caching; our own errors say no-store
                        .cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                // deny by default: exactly the documented shapes (SPEC "Backend contract"), first match
                // wins; the pass-through routes (the benchmarked path) first, then the compositions,
                // and every other /api path is denied (403 with a token, 401 without)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(RouteIds.USERS_PREFIX + "/{userId}").access(CallerScope.pathVariable("userId"))
                        // one order by id (/orders/{orderId}) names its owner only in its body: a userId
                        // in the query would prove nothing, so only a read-any token passes; callers
                        // read their own orders through the list or the order-detail composition
                        .pathMatchers(RouteIds.ORDERS_PREFIX + "/{orderId}").access(CallerScope.readAny())
                        .pathMatchers(RouteIds.ORDERS_PREFIX, RouteIds.RECOMMENDATIONS_PREFIX)
                        .access(CallerScope.queryParameter("userId", "limit"))
                        .pathMatchers(RouteIds.ME_DASHBOARD_PATH).access(CompositionAccess.scopeOnly())
                        .matchers(compositionAccess).access(compositionAccess)
                        .pathMatchers("/api/**").denyAll()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(oauth -> oauth
                        // Spring Security's own reading of the header, without its regular expression
                        .bearerTokenConverter(new BearerTokenConverter())
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .authenticationFailureHandler(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .build();
    }
}

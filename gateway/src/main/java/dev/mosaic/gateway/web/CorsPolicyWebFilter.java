package dev.mosaic.gateway.web;

import dev.mosaic.gateway.error.Problem;
import dev.mosaic.gateway.error.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for {@code /api/**}, deny by default: a cross-origin request (preflight or not) from an
 * origin that is not listed in {@code mosaic.gateway.cors.allowed-origins} is a 403
 * {@code cors-rejected} problem, also when no origin is listed at all (Spring's own
 * {@code CorsWebFilter} would let a preflight from an unlisted origin through as a bare 200 when
 * nothing is configured). An allowed preflight is answered here (200, no body, nothing routed); an
 * allowed request gets its {@code Access-Control-*} headers and goes on. Same-origin requests and
 * requests without {@code Origin} (curl, scripts, server-to-server) are not CORS requests and pass.
 *
 * <p>Spring Security runs it in place of its own CORS filter ({@code SecurityWebFiltersOrder.CORS}),
 * so a preflight needs no token.
 */
public final class CorsPolicyWebFilter implements WebFilter {

    private static final Problem REJECTED = Problem.of(HttpStatus.FORBIDDEN, "cors-rejected",
            "This origin, method or header is not allowed to call the API from a browser");

    private final CorsConfigurationSource source;
    private final CorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemWriter writer;

    public CorsPolicyWebFilter(CorsProperties properties, ProblemWriter writer) {
        this.source = source(properties);
        this.writer = writer;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        CorsConfiguration configuration = source.getCorsConfiguration(exchange);
        if (configuration == null) {
            // outside /api/**: the API description and 404s, no credentials involved
            return chain.filter(exchange);
        }
        if (!processor.process(configuration, exchange)) {
            return writer.write(exchange, REJECTED);
        }
        return CorsUtils.isPreFlightRequest(exchange.getRequest()) ? Mono.empty() : chain.filter(exchange);
    }

    private static CorsConfigurationSource source(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        // an empty list allows no origin: every cross-origin request is refused
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(properties.allowedMethods());
        cors.setAllowedHeaders(properties.allowedHeaders());
        cors.setExposedHeaders(properties.exposedHeaders());
        cors.setAllowCredentials(properties.allowCredentials());
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}

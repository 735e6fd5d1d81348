package dev.mosaic.gateway.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access for single-page apps, bound from {@code mosaic.gateway.cors.*}.
 *
 * <p>No origin is allowed by default (the {@code dev} profile that {@code ./mosaic up} sets allows
 * the usual local SPA dev servers); a SPA's origin must be listed exactly (patterns are
 * deliberately not supported, so a typo cannot open the API to every subdomain):
 * <pre>{@code
 * mosaic.gateway.cors.allowed-origins: http://localhost:5173,https://app.example.com
 * }</pre>
 * The edge answers {@code GET} and {@code HEAD}; the exposed headers are the ones an SPA reads
 * (completeness, degraded sections, composition, request and trace ids, {@code ETag}, {@code Retry-After}).
 */
@ConfigurationProperties("mosaic.gateway.cors")
public record CorsProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue({"GET", "HEAD"}) List<String> allowedMethods,
        @DefaultValue({"Authorization", "Content-Type", "X-Request-Id", "traceparent", "X-Mosaic-Timeout-Ms",
                "If-None-Match"}) List<String> allowedHeaders,
        @DefaultValue({"X-Request-Id", "X-Trace-Id", "X-RateLimit-Remaining", "Retry-After", "ETag",
                "X-Dashboard-Complete", "X-Composition", "X-Composition-Complete", "X-Degraded-Sections",
                "Server-Timing"}) List<String> exposedHeaders,
        @DefaultValue("false") boolean allowCredentials,
        @DefaultValue("30m") Duration maxAge) {
}

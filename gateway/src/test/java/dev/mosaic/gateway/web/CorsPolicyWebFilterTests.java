package dev.mosaic.gateway.web;

import java.time.Duration;
import java.util.Map;

import dev.mosaic.gateway.error.ProblemWriter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS deny by default, with the properties' own defaults (no origin allowed) and with one SPA origin. */
class CorsPolicyWebFilterTests {

    private static final String SPA = "http://localhost:5173";

    @Test
    void byDefaultNoOriginIsAllowedAndHeadIsAnAllowedMethod() {
        CorsProperties defaults = defaults();

        assertThat(defaults.allowedOrigins()).isEmpty();
        assertThat(defaults.allowedMethods()).containsExactly("GET", "HEAD");
        assertThat(defaults.exposedHeaders()).contains("X-Dashboard-Complete", "X-Degraded-Sections", "X-Composition",
                "X-Composition-Complete", "X-Request-Id", "X-Trace-Id", "ETag", "Retry-After");
    }

    @Test
    void withNoOriginConfiguredAPreflightIsA403Problem() {
        MockServerWebExchange exchange = preflight("https://evil.example");
        boolean[] routed = {false};

        new CorsPolicyWebFilter(defaults(), writer()).filter(exchange, chain(routed)).block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().containsHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        assertThat(routed[0]).isFalse();
    }

    @Test
    void withNoOriginConfiguredACrossOriginRequestIsA403AndNotRouted() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://127.0.0.1:8080/api/me/dashboard")
                .header(HttpHeaders.ORIGIN, SPA).build());
        boolean[] routed = {false};

        new CorsPolicyWebFilter(defaults(), writer()).filter(exchange, chain(routed)).block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(routed[0]).isFalse();
    }

    @Test
    void aListedOriginsHeadPreflightIsAllowedAndNotRouted() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.options("http://127.0.0.1:8080/api/me/dashboard")
                .header(HttpHeaders.ORIGIN, SPA)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "HEAD")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
                .build());
        boolean[] routed = {false};

        new CorsPolicyWebFilter(withOrigin(SPA), writer()).filter(exchange, chain(routed)).block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode()).isNotEqualTo(HttpStatus.FORBIDDEN);
        assertThat(exchange.getResponse().getHeaders().getAccessControlAllowOrigin()).isEqualTo(SPA);
        assertThat(exchange.getResponse().getHeaders().getAccessControlAllowMethods()).contains(HttpMethod.HEAD);
        assertThat(routed[0]).isFalse();
    }

    @Test
    void requestsWithoutAnOriginAreNotCorsRequestsAndPass() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("http://127.0.0.1:8080/api/me/dashboard").build());
        boolean[] routed = {false};

        new CorsPolicyWebFilter(defaults(), writer()).filter(exchange, chain(routed)).block(Duration.ofSeconds(5));

        assertThat(routed[0]).isTrue();
    }

    private static MockServerWebExchange preflight(String origin) {
        return MockServerWebExchange.from(MockServerHttpRequest.options("http://127.0.0.1:8080/api/users/u-1")
                .header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .build());
    }

    private static WebFilterChain chain(boolean[] routed) {
        return exchange -> {
            routed[0] = true;
            return Mono.empty();
        };
    }

    private static ProblemWriter writer() {
        return new ProblemWriter(JsonMapper.builder().build());
    }

    private static CorsProperties defaults() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("mosaic.gateway.cors", CorsProperties.class);
    }

    private static CorsProperties withOrigin(String origin) {
        return new Binder(new MapConfigurationPropertySource(Map.of("mosaic.gateway.cors.allowed-origins", origin)))
                .bindOrCreate("mosaic.gateway.cors", CorsProperties.class);
    }

}

package dev.mosaic.gateway.security;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/** Which route's upstream keeps the caller's {@code Authorization}: composer routes and opted-in ones only. */
class UpstreamCredentialsFilterTests {

    private final UpstreamCredentialsFilter filter = new UpstreamCredentialsFilter(List.of("users"));

    @Test
    void aRouteThatOptsIntoTokenRelayKeepsTheTokenButNeverTheCookie() {
        HttpHeaders out = filter.filter(incoming(), exchangeOn("users"));

        assertThat(out.getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer t");
        assertThat(out.containsHeader(HttpHeaders.COOKIE)).isFalse();
        assertThat(out.containsHeader("baggage")).isFalse();
    }

    @Test
    void anotherPassThroughRouteLosesTheToken() {
        HttpHeaders out = filter.filter(incoming(), exchangeOn("orders"));

        assertThat(out.containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        assertThat(out.getFirst("X-Request-Id")).isEqualTo("r-1");
    }

    @Test
    void compositionRoutesKeepTheToken() {
        assertThat(filter.filter(incoming(), exchangeOn("composition-order-detail")).getFirst(HttpHeaders.AUTHORIZATION))
                .isEqualTo("Bearer t");
        assertThat(filter.filter(incoming(), exchangeOn("dashboard")).getFirst(HttpHeaders.AUTHORIZATION))
                .isEqualTo("Bearer t");
    }

    private static HttpHeaders incoming() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, "Bearer t");
        headers.set(HttpHeaders.COOKIE, "session=s");
        headers.set("baggage", "requestId=evil");
        headers.set("X-Request-Id", "r-1");
        return headers;
    }

    private static MockServerWebExchange exchangeOn(String routeId) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/x").build());
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR,
                Route.async().id(routeId).uri(URI.create("http://127.0.0.1:1")).predicate(e -> true).build());
        return exchange;
    }
}

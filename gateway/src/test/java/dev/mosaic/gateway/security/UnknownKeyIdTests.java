package dev.mosaic.gateway.security;

import java.time.Duration;
import java.util.List;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import dev.mosaic.gateway.support.Upstreams;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Made-up key ids cannot turn anonymous traffic into load on the identity provider: a hundred
 * tokens, each naming a different unknown {@code kid}, cause at most one JWK set fetch (and are all
 * 401), and callers with a known key are not affected.
 */
class UnknownKeyIdTests extends GatewayIntegrationTest {

    private static final String JWKS = "/.well-known/jwks.json?context=" + JWK_CONTEXT;

    @Test
    void aHundredTokensWithDistinctUnknownKeyIdsCauseAtMostOneJwkFetch() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
        int before = fetches();
        WebClient web = WebClient.create(baseUrl());

        List<Integer> statuses = Flux.range(0, 100)
                .flatMap(i -> web.get().uri("/api/users/u-1")
                        .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.withKeyId("u-1", "made-up-" + i)))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 100)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(statuses).hasSize(100).containsOnly(401);
        assertThat(fetches() - before).as("JWK set fetches caused by 100 unknown key ids").isLessThanOrEqualTo(1);
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1"))).exchange()
                .expectStatus().isOk();
    }

    private static int fetches() {
        return Upstreams.shared().identityProvider().findAll(getRequestedFor(urlEqualTo(JWKS))).size();
    }
}

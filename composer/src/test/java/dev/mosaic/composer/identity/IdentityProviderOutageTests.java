package dev.mosaic.composer.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import dev.mosaic.composer.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The composer when the identity provider's key set cannot be fetched: a token it cannot check is
 * answered 503 problem+json {@code identity-provider-unavailable} with {@code Retry-After} (never 500,
 * never 401, since the token may well be good), tokens of keys it already knows keep working, and it
 * recovers without a restart. Its own context: no minimum refetch interval (each unknown key id
 * asks the provider, so every test sees the provider as it stubs it) and a short fetch timeout.
 */
@TestPropertySource(properties = {
        ComposerIntegrationTest.DISTINCT_BACKEND_POOL,
        "mosaic.composer.security.jwk-min-refetch-interval=0ms",
        "mosaic.composer.security.jwk-timeout=300ms" })
@DirtiesContext
class IdentityProviderOutageTests extends ComposerIntegrationTest {

    /** A key the provider has not published (yet): a token it signs needs a fetch. */
    private static RSAKey unpublishedKey() {
        return Tokens.generate(fresh("unpublished"));
    }

    /** A token for {@code user} signed with {@code key}, under its key id. */
    private static String signedWith(String user, RSAKey key) {
        return Tokens.token(user).signedWith(key).keyId(key.getKeyID()).sign();
    }

    static Stream<Arguments> outages() {
        return Stream.of(
                Arguments.of("503", aResponse().withStatus(503)),
                Arguments.of("500", aResponse().withStatus(500)),
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("empty response", aResponse().withFault(Fault.EMPTY_RESPONSE)),
                Arguments.of("not a key set", Backends.json("<html>maintenance</html>")),
                Arguments.of("slower than the fetch timeout", Backends.json(Tokens.jwkSetJson()).withFixedDelay(3000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void answers503WithRetryAfterWhenTheKeySetCannotBeFetched(String what, ResponseDefinitionBuilder outage) {
        Backends.stub(get(urlPathEqualTo(Backends.JWKS_PATH)).willReturn(outage));
        String user = freshUser();

        client.get().uri("/dashboard/{id}", user)
                .headers(Tokens.bearerToken(signedWith(user, unpublishedKey())))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/identity-provider-unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.instance").isEqualTo("/dashboard/" + user)
                .jsonPath("$.traceId").isNotEmpty();

        assertThat(Backends.count("/users/.*")).as("nothing is composed for an unverified caller").isZero();
    }

    @Test
    void keepsAcceptingTokensOfAKnownKeyWhileTheProviderIsDown() {
        String user = freshUser();
        client.get().uri("/dashboard/{id}", user).headers(Tokens.bearer(user)).exchange().expectStatus().isOk();
        Backends.stub(get(urlPathEqualTo(Backends.JWKS_PATH)).willReturn(aResponse().withStatus(503)));

        client.get().uri("/dashboard/{id}", user).headers(Tokens.bearer(user)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.userId").isEqualTo(user);
    }

    @Test
    void acceptsTheNewKeyOnceTheProviderIsBack() {
        String user = freshUser();
        RSAKey next = unpublishedKey();
        String token = signedWith(user, next);
        Backends.stub(get(urlPathEqualTo(Backends.JWKS_PATH)).willReturn(aResponse().withStatus(503)));
        client.get().uri("/dashboard/{id}", user).headers(Tokens.bearerToken(token)).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        Backends.stub(get(urlPathEqualTo(Backends.JWKS_PATH)).willReturn(Backends.json(
                new JWKSet(List.of(Tokens.key().toPublicJWK(), next.toPublicJWK())).toString())));

        client.get().uri("/dashboard/{id}", user).headers(Tokens.bearerToken(token)).exchange()
                .expectStatus().isOk();
    }
}

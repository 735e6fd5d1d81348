package dev.mosaic.gateway;

import java.util.Map;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;

import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of missing or untrustworthy token is a 401 problem with a Bearer challenge, and never reaches an upstream. */
class AuthenticationTests extends GatewayIntegrationTest {

    static Stream<Arguments> untrustedTokens() {
        return Stream.of(
                Arguments.of("malformed", "not-a-jwt"),
                Arguments.of("three garbage parts", "abc.def.ghi"),
                Arguments.of("expired", TestTokens.expired("u-1")),
                Arguments.of("signed by another key", TestTokens.badSignature("u-1")),
                Arguments.of("alg none", TestTokens.algNone("u-1")),
                Arguments.of("HS256 with the public key as secret", TestTokens.hs256WithPublicKeyAsSecret("u-1")),
                Arguments.of("wrong issuer", TestTokens.wrongIssuer("u-1")));
    }

    @Test
    void missingTokenIsUnauthorizedWithABareBearerChallenge() {
        var response = client.get().uri("/api/users/u-1").exchange()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");

        assertProblem(response, 401);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "{0} token is rejected")
    @MethodSource("untrustedTokens")
    void untrustedTokenIsUnauthorizedWithAnInvalidTokenChallenge(String kind, String token) {
        var response = client.get().uri("/api/dashboard/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange();

        response.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
        Map<String, Object> problem = assertProblem(response, 401);
        assertThat(problem.get("instance")).isEqualTo("/api/dashboard/u-1");
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void expiredTokenSaysSoInTheProblemDetail() {
        var response = client.get().uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.expired("u-1")))
                .exchange();

        assertThat(assertProblem(response, 401).get("detail").toString()).contains("expired");
    }

    @Test
    void nonBearerSchemeIsUnauthorized() {
        assertProblem(client.get().uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, "Basic dTpw").exchange(), 401);
    }
}

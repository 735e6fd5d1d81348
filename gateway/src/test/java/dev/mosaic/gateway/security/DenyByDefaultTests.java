package dev.mosaic.gateway.security;

import java.net.URI;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pass-through authorisation allows exactly the documented shapes (SPEC "Backend contract") for the
 * caller, and denies the rest of {@code /api/**} before anything is forwarded.
 */
class DenyByDefaultTests extends GatewayIntegrationTest {

    private final String own = TestTokens.valid("u-1");
    private final String readAny = TestTokens.valid("ops-1", "dashboard:read dashboard:read:any");

    @BeforeEach
    void everyUpstreamAnswers() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
    }

    @ParameterizedTest(name = "{0} is denied to its own user")
    @ValueSource(strings = {"/api/users", "/api/users/", "/api/users/u-1/", "/api/users/u-1/orders",
            "/api/users/u-1?admin=true", "/api/orders/o-1?userId=u-1", "/api/orders/o-1/items?userId=u-1",
            "/api/orders/", "/api/orders?userId=u-1&admin=true", "/api/orders?userId=u-1&limit=1&limit=500",
            "/api/orders?limit=5", "/api/recommendations/u-1", "/api/recommendations/x?userId=u-1",
            "/api/recommendations/", "/api/me/dashboard/", "/api/me", "/api/nowhere", "/api"})
    void anUndocumentedShapeIsDeniedAndNeverForwarded(String path) {
        var response = client.get().uri(URI.create(baseUrl() + path))
                .header(HttpHeaders.AUTHORIZATION, bearer(own)).exchange();

        assertProblem(response, 403);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "{0} is denied even to a read-any token")
    @ValueSource(strings = {"/api/users", "/api/users/", "/api/users/u-2/x", "/api/orders/o-1?userId=u-1",
            "/api/orders/o-1/items", "/api/recommendations/u-1", "/api/nowhere"})
    void anUndocumentedShapeIsDeniedToReadAnyTokensToo(String path) {
        assertProblem(client.get().uri(URI.create(baseUrl() + path))
                .header(HttpHeaders.AUTHORIZATION, bearer(readAny)).exchange(), 403);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "{0} is forwarded for its own user")
    @ValueSource(strings = {"/api/users/u-1", "/api/orders?userId=u-1", "/api/orders?userId=u-1&limit=2",
            "/api/recommendations?limit=3&userId=u-1"})
    void aDocumentedShapeOfTheCallersOwnDataIsForwarded(String path) {
        client.get().uri(URI.create(baseUrl() + path)).header(HttpHeaders.AUTHORIZATION, bearer(own)).exchange()
                .expectStatus().isOk();
        backends().verify(1, getRequestedFor(urlEqualTo(path.substring("/api".length()))));
    }

    @Test
    void oneOrderByIdIsForwardedForAReadAnyToken() {
        client.get().uri("/api/orders/o-1").header(HttpHeaders.AUTHORIZATION, bearer(readAny)).exchange()
                .expectStatus().isOk();
        backends().verify(1, getRequestedFor(urlEqualTo("/orders/o-1")));
    }

    @Test
    void withoutATokenAnUndocumentedShapeIsUnauthorized() {
        assertProblem(client.get().uri("/api/users").exchange(), 401);
    }

    @Test
    void aPassThroughReadWithoutTheReadScopeIsAnInsufficientScopeProblem() {
        var response = client.get().uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1", "profile"))).exchange();

        response.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                challenge -> assertThat(challenge).contains("error=\"insufficient_scope\"", "scope=\"dashboard:read\""));
        assertThat(assertProblem(response, 403).get("type").toString()).endsWith("/insufficient-scope");
        backends().verify(0, anyRequestedFor(anyUrl()));
    }
}

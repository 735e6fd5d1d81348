package dev.mosaic.gateway.security;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims a token must carry: a subject, the configured audience (the shared test gateway sets
 * {@code mosaic.gateway.security.audience}), and the scope the route needs.
 */
class ClaimsTests extends GatewayIntegrationTest {

    @BeforeEach
    void everyUpstreamAnswers() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
    }

    @Test
    void aTokenWithoutASubjectIsUnauthorized() {
        for (String path : new String[] {"/api/users/u-1", "/api/me/dashboard", "/api/dashboard/u-1", "/api/orders/o-1"}) {
            var response = client.get().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.withoutSubject()))
                    .exchange();
            response.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                    challenge -> assertThat(challenge).startsWith("Bearer error=\"invalid_token\""));
            assertProblem(response, 401);
        }
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTokenWithABlankSubjectIsUnauthorized() {
        assertProblem(client.get().uri("/api/me/dashboard")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.blankSubject())).exchange(), 401);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        assertProblem(client.get().uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.withAudience("u-1", "another-api"))).exchange(), 401);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTokenWithoutAnAudienceIsUnauthorizedWhenOneIsRequired() {
        assertProblem(client.get().uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.withAudience("u-1", null))).exchange(), 401);
    }

    @Test
    void aTokenForThisAudienceIsAccepted() {
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1"))).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aCompositionWithoutTheReadScopeIsAnInsufficientScopeProblem() {
        for (String path : new String[] {"/api/dashboard/u-1", "/api/me/dashboard", "/api/order-detail/o-1"}) {
            var response = client.get().uri(path)
                    .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1", "dashboard:read:any"))).exchange();
            response.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                    challenge -> assertThat(challenge).contains("error=\"insufficient_scope\"", "scope=\"dashboard:read\""));
            assertThat(assertProblem(response, 403).get("type").toString())
                    .as(path).isEqualTo("https://mosaic.dev/problems/insufficient-scope");
        }
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void someoneElsesDataIsForbiddenNotAScopeProblem() {
        var response = client.get().uri("/api/dashboard/u-2")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1"))).exchange();
        assertThat(assertProblem(response, 403).get("type").toString()).isEqualTo("https://mosaic.dev/problems/forbidden");
    }
}

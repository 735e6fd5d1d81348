package dev.mosaic.gateway;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

/** A caller reads only its own data unless its token carries {@code dashboard:read:any}. */
class AuthorizationTests extends GatewayIntegrationTest {

    private final String userOne = TestTokens.valid("u-1");
    private final String reader = TestTokens.valid("ops-1", "dashboard:read dashboard:read:any");

    @BeforeEach
    void everyUpstreamAnswers() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
    }

    @Test
    void ownDashboardIsAllowed() {
        client.get().uri("/api/dashboard/u-1").header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void someoneElsesDashboardIsForbidden() {
        var response = client.get().uri("/api/dashboard/u-2").header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange();

        assertProblem(response, 403);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void readAnyScopeAllowsSomeoneElsesDashboard() {
        client.get().uri("/api/dashboard/u-2").header(HttpHeaders.AUTHORIZATION, bearer(reader)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void someoneElsesUserRecordIsForbidden() {
        assertProblem(client.get().uri("/api/users/u-2").header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange(), 403);
    }

    @Test
    void readAnyScopeAllowsSomeoneElsesUserRecord() {
        client.get().uri("/api/users/u-2").header(HttpHeaders.AUTHORIZATION, bearer(reader)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void ordersOfSomeoneElseAreForbidden() {
        assertProblem(client.get().uri("/api/orders?userId=u-2").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .exchange(), 403);
    }

    @Test
    void ownOrdersAreAllowed() {
        client.get().uri("/api/orders?userId=u-1&limit=5").header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aSecondSmuggledUserIdIsForbidden() {
        assertProblem(client.get().uri("/api/recommendations?userId=u-1&userId=u-2")
                .header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange(), 403);
    }

    @Test
    void recommendationsWithoutAUserIdAreForbidden() {
        assertProblem(client.get().uri("/api/recommendations").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .exchange(), 403);
    }

    @Test
    void readAnyScopeAllowsSomeoneElsesRecommendations() {
        client.get().uri("/api/recommendations?userId=u-2").header(HttpHeaders.AUTHORIZATION, bearer(reader)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void forbiddenCarriesAnInsufficientScopeChallenge() {
        client.get().uri("/api/dashboard/u-2").header(HttpHeaders.AUTHORIZATION, bearer(userOne)).exchange()
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE,
                        v -> org.assertj.core.api.Assertions.assertThat(v).contains("insufficient_scope"));
    }
}

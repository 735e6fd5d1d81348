package dev.mosaic.gateway;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Each SPEC route reaches its upstream with {@code /api} stripped and the query string kept. */
class RoutingTests extends GatewayIntegrationTest {

    private final String token = TestTokens.valid("u-1");

    @Test
    void meDashboardIsRewrittenToTheComposerDashboardOfTheTokenSubject() {
        backends().stubFor(get(urlPathEqualTo("/dashboard/u-1")).willReturn(okJson("{\"userId\":\"u-1\"}")));

        client.get().uri("/api/me/dashboard?include=user,orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.userId").isEqualTo("u-1");

        backends().verify(1, getRequestedFor(urlEqualTo("/dashboard/u-1?include=user,orders")));
    }

    @Test
    void dashboardOfAUserGoesToTheComposerWithQueryKept() {
        backends().stubFor(get(urlPathEqualTo("/dashboard/u-1")).willReturn(okJson("{\"userId\":\"u-1\"}")));

        client.get().uri("/api/dashboard/u-1?include=orders")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isOk();

        backends().verify(1, getRequestedFor(urlEqualTo("/dashboard/u-1?include=orders")));
    }

    @Test
    void usersRouteStripsTheApiPrefix() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{\"id\":\"u-1\"}")));

        client.get().uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo("u-1");
    }

    @Test
    void ordersRouteKeepsTheQueryString() {
        backends().stubFor(get(urlPathEqualTo("/orders")).willReturn(okJson("{\"userId\":\"u-1\",\"orders\":[]}")));

        client.get().uri("/api/orders?userId=u-1&limit=5")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isOk();

        backends().verify(1, getRequestedFor(urlEqualTo("/orders?userId=u-1&limit=5")));
    }

    @Test
    void recommendationsRouteKeepsTheQueryString() {
        backends().stubFor(get(urlPathEqualTo("/recommendations")).willReturn(okJson("{\"userId\":\"u-1\",\"items\":[]}")));

        client.get().uri("/api/recommendations?userId=u-1&limit=10")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isOk();

        backends().verify(1, getRequestedFor(urlEqualTo("/recommendations?userId=u-1&limit=10")));
    }

    @Test
    void upstreamNotFoundPassesThroughUnchanged() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.notFound().withBody("no such user")));

        client.get().uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody(String.class).isEqualTo("no such user");
    }

    @Test
    void unknownPathIsA404Problem() {
        assertProblem(client.get().uri("/nowhere").exchange(), 404);
    }

    @Test
    void theBearerTokenStopsAtTheEdgeForAPassThroughBackend() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}")));

        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk();

        backends().verify(getRequestedFor(urlEqualTo("/users/u-1")).withoutHeader(HttpHeaders.AUTHORIZATION));
    }
}

package dev.mosaic.gateway.composition;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

/**
 * SPEC "Dev identity provider" at the edge: every composition needs {@code dashboard:read}; a
 * path-variable owner must be the token's subject unless the token has {@code compositions:read:any}
 * or {@code dashboard:read:any}; and a single order by id, whose owner only its body names, is not
 * readable through the pass-through route by an ordinary caller.
 */
class CompositionAuthorizationTests extends GatewayIntegrationTest {

    private final String userOne = TestTokens.valid("u-1");

    @BeforeEach
    void everyUpstreamAnswers() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
    }

    @Test
    void compositionsReadAnyAllowsSomeoneElsesDashboard() {
        String reader = TestTokens.valid("ops-1", "dashboard:read compositions:read:any");

        client.get().uri("/api/dashboard/u-2").header(HttpHeaders.AUTHORIZATION, bearer(reader)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void someoneElsesDashboardIsForbiddenBeforeAnyCall() {
        assertProblem(client.get().uri("/api/dashboard/u-2").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .exchange(), 403);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void meDashboardNeedsDashboardRead() {
        String other = TestTokens.valid("u-1", "profile:write");

        assertProblem(client.get().uri("/api/me/dashboard").header(HttpHeaders.AUTHORIZATION, bearer(other))
                .exchange(), 403);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void meDashboardAnswersGetAndHeadOnly() {
        assertProblem(client.post().uri("/api/me/dashboard").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .bodyValue("{}").exchange(), 405);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void oneOrderByIdIsForbiddenEvenWithTheCallersUserIdInTheQuery() {
        assertProblem(client.get().uri("/api/orders/o-9?userId=u-1").header(HttpHeaders.AUTHORIZATION, bearer(userOne))
                .exchange(), 403);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void oneOrderByIdIsReadableWithReadAny() {
        String reader = TestTokens.valid("ops-1", "dashboard:read dashboard:read:any");

        client.get().uri("/api/orders/o-9").header(HttpHeaders.AUTHORIZATION, bearer(reader)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void compositionsReadAnyAlsoLiftsThePassThroughRule() {
        String reader = TestTokens.valid("ops-1", "compositions:read:any");

        client.get().uri("/api/users/u-2").header(HttpHeaders.AUTHORIZATION, bearer(reader)).exchange()
                .expectStatus().isOk();
    }
}

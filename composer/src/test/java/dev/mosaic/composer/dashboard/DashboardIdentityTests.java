package dev.mosaic.composer.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import dev.mosaic.composer.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The dashboard and the caller's identity: the composer's internal port still answers it without a
 * token (its contract from before compositions), and a token that is presented is checked: its
 * subject must be the dashboard's user unless it may read anyone's.
 */
class DashboardIdentityTests extends ComposerIntegrationTest {

    @Test
    void answersWithoutATokenAsBefore() {
        String user = freshUser();

        client.get().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Dashboard-Complete", "true")
                .expectHeader().doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody()
                .jsonPath("$.userId").isEqualTo(user)
                .jsonPath("$.meta.complete").isEqualTo(true);
    }

    @Test
    void answersTheOwnersTokenWith200() {
        String user = freshUser();

        client.get().uri("/dashboard/{id}", user).headers(Tokens.bearer(user)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Dashboard-Complete", "true")
                .expectBody().jsonPath("$.userId").isEqualTo(user);
    }

    @Test
    void refusesAnotherUsersTokenWith403BeforeAnyBackendCall() {
        String owner = freshUser();
        String other = freshUser();

        client.get().uri("/dashboard/{id}", owner).headers(Tokens.bearer(other)).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/forbidden")
                .jsonPath("$.status").isEqualTo(403)
                .jsonPath("$.instance").isEqualTo("/dashboard/" + owner);

        assertThat(Backends.count("/users/.*") + Backends.count("/orders") + Backends.count("/recommendations"))
                .as("a path-variable owner is checked before any backend call").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dashboard:read:any", "compositions:read:any" })
    void letsAReadAnyTokenReadAnyonesDashboard(String scope) {
        String owner = freshUser();

        client.get().uri("/dashboard/{id}", owner)
                .headers(Tokens.bearerToken(Tokens.token("support-1").scope(scope).sign())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.userId").isEqualTo(owner);
    }

    @Test
    void refusesAPresentedTokenThatCannotBeTrustedEvenThoughNoneIsNeeded() {
        String user = freshUser();

        client.get().uri("/dashboard/{id}", user)
                .headers(Tokens.bearerToken(Tokens.token(user).signedWith(Tokens.otherKey()).sign())).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Test
    void refusesAnOwnTokenWithoutTheReadScope() {
        String user = freshUser();

        client.get().uri("/dashboard/{id}", user)
                .headers(Tokens.bearerToken(Tokens.token(user).scope("profile:read").sign())).exchange()
                .expectStatus().isForbidden();
    }
}

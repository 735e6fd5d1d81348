package dev.mosaic.composer.config;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import dev.mosaic.composer.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Compositions written as a user would, in a directory named by {@code mosaic.compositions.location}
 * (no Java): {@code profile.yaml} is served at its path, with a section that needs another's value, an
 * owner, a fallback and its own deadline; {@code dashboard.yaml} replaces the shipped dashboard. Its
 * own context, since the directory is read at start-up.
 */
@TestPropertySource(properties = ComposerIntegrationTest.DISTINCT_BACKEND_POOL)
@DirtiesContext
class UserCompositionTests extends ComposerIntegrationTest {

    private static final String PROFILE = """
            # a user's profile, their latest orders (looked up by the id the user service returns) and a
            # few recommendations, none of which may hold the answer up for more than 300 ms
            name: profile
            path: /profile/{userId}
            params:
              userId: "[A-Za-z0-9_-]{1,64}"
            owner: "{userId}"
            deadline: 300ms
            sections:
              user:
                source: user
                get: /users/{userId}
                required: true
              orders:
                source: orders
                get: /orders?userId={user.id}&limit=2
                select: /orders
              recommendations:
                source: recommendations
                get: /recommendations?userId={userId}&limit=3
                select: /items
                fallback: []
            """;

    private static final String DASHBOARD = """
            # the team's own dashboard replaces the shipped one: the profile and a wish list, no orders
            name: dashboard
            path: /dashboard/{userId}
            params:
              userId: "[A-Za-z0-9_-]{1,64}"
            owner: "{userId}"
            anonymous-internal: true
            sections:
              user:
                source: user
                get: /users/{userId}
                required: true
              wishlist:
                source: recommendations
                get: /recommendations?userId={userId}&limit=1&list=wishes
                select: /items
            """;

    private static final Path DIRECTORY = writeCompositions();

    private static Path writeCompositions() {
        try {
            Path directory = Files.createTempDirectory("mosaic-compositions-");
            directory.toFile().deleteOnExit();
            for (String[] file : List.of(new String[] { "profile.yaml", PROFILE },
                    new String[] { "dashboard.yaml", DASHBOARD })) {
                Path path = Files.writeString(directory.resolve(file[0]), file[1]);
                path.toFile().deleteOnExit();
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void compositions(DynamicPropertyRegistry registry) {
        registry.add("mosaic.compositions.location", DIRECTORY::toString);
    }

    @Test
    void servesTheCompositionFromTheDirectoryAtItsPath() {
        String user = freshUser();
        Backends.stub(get(urlPathEqualTo("/users/" + user)).willReturn(Backends.json(Backends.user(user))));

        client.get().uri("/profile/{id}", user).headers(Tokens.bearer(user)).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("X-Composition", "profile")
                .expectHeader().valueEquals("X-Composition-Complete", "true")
                .expectHeader().doesNotExist("X-Dashboard-Complete")
                .expectBody()
                .jsonPath("$.userId").isEqualTo(user)
                .jsonPath("$.user.id").isEqualTo(user)
                .jsonPath("$.orders[0].id").isEqualTo("o-1")
                .jsonPath("$.recommendations[0].productId").isEqualTo("p-1")
                .jsonPath("$.meta.sections.user.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.orders.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.recommendations.status").isEqualTo("OK");

        assertThat(urls("/orders")).containsExactly("/orders?userId=" + user + "&limit=2");
        assertThat(urls("/recommendations")).containsExactly("/recommendations?userId=" + user + "&limit=3");
    }

    @Test
    void passesTheFirstSectionsValueToTheDependentRequestUrlEncoded() {
        String user = freshUser();
        Backends.stub(get(urlPathEqualTo("/users/" + user)).willReturn(Backends.json(
                "{\"id\":\"ü 1&limit=99/x?y#z\",\"name\":\"Ada\"}")));

        client.get().uri("/profile/{id}", user).headers(Tokens.bearer(user)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.meta.sections.orders.status").isEqualTo("OK");

        assertThat(urls("/orders")).as("the value cannot add a parameter or a path segment")
                .containsExactly("/orders?userId=%C3%BC%201%26limit%3D99%2Fx%3Fy%23z&limit=2");
        assertThat(Backends.requests("/orders").get(0).queryParameter("userId").firstValue())
                .isEqualTo("ü 1&limit=99/x?y#z");
    }

    @Test
    void startsTheIndependentSectionsTogetherAndTheDependentOneAfterItsInput() {
        int delay = 150;
        String user = freshUser();
        Backends.stub(get(urlPathEqualTo("/users/" + user)).willReturn(Backends.json(Backends.user(user))
                .withFixedDelay(delay)));

        client.get().uri("/profile/{id}", user).headers(Tokens.bearer(user)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Composition-Complete", "true");

        long userArrived = arrival("/users/.*");
        assertThat(Math.abs(arrival("/recommendations") - userArrived))
                .as("recommendations need nothing: asked with the user, not after its %d ms", delay)
                .isLessThan(delay);
        assertThat(arrival("/orders") - userArrived).as("orders need the user's id").isGreaterThanOrEqualTo(delay);
    }

    @Test
    void refusesAnotherUsersTokenWith403BeforeAnyBackendCall() {
        String owner = freshUser();

        client.get().uri("/profile/{id}", owner).headers(Tokens.bearer(freshUser())).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(403);

        assertThat(Backends.count("/users/.*") + Backends.count("/orders") + Backends.count("/recommendations"))
                .isZero();
    }

    @Test
    void requiresATokenSinceItIsNotAnonymousInternal() {
        client.get().uri("/profile/{id}", freshUser()).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void servesTheFallbackWhenTheSectionWithOneFails() {
        String user = freshUser();
        Backends.stub(get(urlPathEqualTo("/recommendations")).willReturn(Backends.json("{}").withStatus(500)));

        client.get().uri("/profile/{id}", user).headers(Tokens.bearer(user)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Degraded-Sections", "recommendations")
                .expectBody()
                .jsonPath("$.recommendations").isArray()
                .jsonPath("$.recommendations.length()").isEqualTo(0)
                .jsonPath("$.meta.sections.recommendations.status").isEqualTo("DEGRADED")
                .jsonPath("$.meta.sections.recommendations.source").isEqualTo("FALLBACK")
                .jsonPath("$.meta.sections.recommendations.reason").isEqualTo("UPSTREAM_ERROR");
    }

    @Test
    void cutsASlowSectionAtTheCompositionsOwnDeadline() {
        // the per-attempt timeout is 400 ms: under the default 900 ms deadline this would be TIMEOUT
        // and two attempts; the file's 300 ms deadline cuts the first attempt
        String user = freshUser();
        Backends.stub(get(urlPathEqualTo("/recommendations")).willReturn(Backends.json(Backends.RECOMMENDATIONS_JSON)
                .withFixedDelay(3000)));

        client.get().uri("/profile/{id}", user).headers(Tokens.bearer(user)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.meta.sections.recommendations.status").isEqualTo("DEGRADED")
                .jsonPath("$.meta.sections.recommendations.source").isEqualTo("FALLBACK")
                .jsonPath("$.meta.sections.recommendations.reason").isEqualTo("DEADLINE_EXCEEDED")
                .jsonPath("$.meta.sections.recommendations.attempts").isEqualTo(1)
                .jsonPath("$.meta.sections.orders.status").isEqualTo("OK");
    }

    @Test
    void answers504WhenTheRequiredSectionOutlivesTheCompositionsDeadline() {
        String user = freshUser();
        Backends.stub(get(urlPathEqualTo("/users/" + user)).willReturn(Backends.json(Backends.user(user))
                .withFixedDelay(3000)));

        client.get().uri("/profile/{id}", user).headers(Tokens.bearer(user)).exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.sections.user.reason").isEqualTo("DEADLINE_EXCEEDED")
                .jsonPath("$.sections.user.attempts").isEqualTo(1)
                .jsonPath("$.sections.orders.reason").isEqualTo("DEPENDENCY_FAILED");

        assertThat(Backends.count("/orders")).as("orders need the user").isZero();
    }

    @Test
    void servesTheDirectorysDashboardInsteadOfTheShippedOne() {
        String user = freshUser();

        client.get().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Composition", "dashboard")
                .expectHeader().valueEquals("X-Dashboard-Complete", "true")
                .expectHeader().valueMatches("Server-Timing", "user;dur=\\d+, wishlist;dur=\\d+")
                .expectBody()
                .jsonPath("$.userId").isEqualTo(user)
                .jsonPath("$.wishlist[0].productId").isEqualTo("p-1")
                .jsonPath("$.orders").doesNotHaveJsonPath()
                .jsonPath("$.recommendations").doesNotHaveJsonPath()
                .jsonPath("$.meta.sections.wishlist.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.orders").doesNotHaveJsonPath();

        assertThat(urls("/recommendations")).containsExactly("/recommendations?userId=" + user + "&limit=1&list=wishes");
        assertThat(Backends.count("/orders")).as("the shipped dashboard's orders section is gone").isZero();
    }

    @Test
    void stillServesTheShippedCompositionsItDoesNotReplace() {
        client.get().uri("/order-detail/{id}", "o-1").exchange()
                .expectStatus().isUnauthorized();
    }

    private static List<String> urls(String pathRegex) {
        return Backends.requests(pathRegex).stream().map(LoggedRequest::getUrl).toList();
    }

    private static long arrival(String pathRegex) {
        List<LoggedRequest> requests = Backends.requests(pathRegex);
        assertThat(requests).as("one request to %s", pathRegex).hasSize(1);
        return requests.get(0).getLoggedDate().getTime();
    }
}

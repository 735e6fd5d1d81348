package dev.mosaic.gateway.composition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mosaic.gateway.support.ApiDocsParsing;
import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A composition a team writes as a file, no Java: put in a directory named by
 * {@code mosaic.compositions.location}, it is a route of its own, with the edge rules its owner asks for.
 */
class UserCompositionTests extends GatewayIntegrationTest {

    static final Path DIRECTORY = writeProfile();

    @Autowired
    private CircuitBreakerRegistry breakers;

    @DynamicPropertySource
    static void compositionsLocation(DynamicPropertyRegistry registry) {
        registry.add("mosaic.compositions.location", DIRECTORY::toString);
    }

    @Test
    void theFilesCompositionIsServedAtApiPlusItsPath() {
        String token = TestTokens.valid("u-7");
        backends().stubFor(get(urlPathEqualTo("/profile/u-7")).willReturn(okJson("{\"userId\":\"u-7\"}")));

        client.get().uri("/api/profile/u-7?include=orders").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.userId").isEqualTo("u-7");

        backends().verify(1, getRequestedFor(urlEqualTo("/profile/u-7?include=orders"))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer(token))));
        assertThat(breakers.getAllCircuitBreakers()).extracting(cb -> cb.getName()).contains("composition-profile");
    }

    @Test
    void itsPathVariableOwnerIsCheckedAtTheEdge() {
        assertProblem(client.get().uri("/api/profile/u-8").header(HttpHeaders.AUTHORIZATION,
                bearer(TestTokens.valid("u-7"))).exchange(), 403);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theOpenApiDocumentDescribesIt() {
        String document = client.get().uri("/openapi.json").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        var api = ApiDocsParsing.parse(document);

        assertThat(api.getMessages()).isEmpty();
        assertThat(api.getOpenAPI().getPaths()).containsKeys("/api/profile/{userId}", "/api/order-detail/{orderId}");
    }

    @Test
    void theShippedCompositionsAreStillServed() {
        backends().stubFor(get(urlPathEqualTo("/order-detail/o-1")).willReturn(okJson("{}")));

        client.get().uri("/api/order-detail/o-1").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1")))
                .exchange()
                .expectStatus().isOk();
    }

    private static Path writeProfile() {
        try {
            Path directory = Files.createTempDirectory("mosaic-compositions");
            Files.writeString(directory.resolve("profile.yaml"), """
                    # a team's own endpoint: a user and that user's two latest orders
                    name: profile
                    path: /profile/{userId}
                    params:
                      userId: "[A-Za-z0-9_-]{1,64}"
                    owner: "{userId}"
                    sections:
                      user:
                        source: user
                        get: /users/{userId}
                        required: true
                      orders:
                        source: orders
                        get: /orders?userId={user.id}&limit=2
                        select: /orders
                    """);
            directory.toFile().deleteOnExit();
            directory.resolve("profile.yaml").toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.mosaic.composer.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** The HTTP contract of {@code GET /dashboard/{userId}}: body, headers, input validation, errors. */
class DashboardContractTests extends ComposerIntegrationTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final String SAME_TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-0[01]";

    @Test
    void composesAllThreeSectionsWithTheSpecBodyAndHeaders() {
        String user = freshUser();
        client.get().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals("X-Dashboard-Complete", "true")
                .expectHeader().doesNotExist("X-Degraded-Sections")
                .expectHeader().valueMatches("Server-Timing",
                        "user;dur=\\d+, orders;dur=\\d+, recommendations;dur=\\d+")
                .expectHeader().valueMatches("X-Trace-Id", "[0-9a-f]{32}")
                .expectBody()
                .jsonPath("$.userId").isEqualTo(user)
                .jsonPath("$.user.name").isEqualTo("Ada")
                .jsonPath("$.orders[0].id").isEqualTo("o-1")
                .jsonPath("$.recommendations[0].productId").isEqualTo("p-1")
                .jsonPath("$.meta.complete").isEqualTo(true)
                .jsonPath("$.meta.sections.user.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.user.source").isEqualTo("LIVE")
                .jsonPath("$.meta.sections.user.attempts").isEqualTo(1)
                .jsonPath("$.meta.sections.user.latencyMs").isNumber()
                .jsonPath("$.meta.sections.user.reason").doesNotExist()
                .jsonPath("$.meta.sections.orders.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.recommendations.status").isEqualTo("OK");
    }

    @Test
    void fetchesTheThreeSectionsConcurrently() {
        client.get().uri("/dashboard/{id}", freshUser()).exchange().expectStatus().isOk();
        Backends.stub(get(urlPathMatching("/users/.+")).willReturn(Backends.json(Backends.USER_JSON)
                .withFixedDelay(300)));
        Backends.stub(get(urlPathEqualTo("/orders")).willReturn(Backends.json(Backends.ORDERS_JSON)
                .withFixedDelay(300)));
        Backends.stub(get(urlPathEqualTo("/recommendations"))
                .willReturn(Backends.json(Backends.RECOMMENDATIONS_JSON).withFixedDelay(300)));

        String userId = freshUser();
        client.get().uri("/dashboard/{id}", userId).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Dashboard-Complete", "true");

        // The backends' own clock is the direct evidence: every call arrived before the first one
        // could have been answered (one after another would also miss the 900 ms deadline, and the
        // complete answer above says none did). Timing of the graph itself: CompositionGraphTests.
        List<Long> arrivals = Backends.server().getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().contains(userId))
                .map(event -> event.getRequest().getLoggedDate().getTime())
                .sorted()
                .toList();
        assertThat(arrivals).as("one call per backend").hasSize(3);
        assertThat(arrivals.get(2) - arrivals.get(0)).as("all three calls started within the first call's 300 ms")
                .isLessThan(300L);
    }

    @Test
    void skipsSectionsLeftOutOfInclude() {
        client.get().uri("/dashboard/{id}?include=user,orders", freshUser()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Dashboard-Complete", "true")
                .expectHeader().valueMatches("Server-Timing", ".*recommendations;dur=0;desc=\"SKIPPED\".*")
                .expectBody()
                .jsonPath("$.recommendations").isEmpty()
                .jsonPath("$.meta.sections.recommendations.status").isEqualTo("SKIPPED")
                .jsonPath("$.meta.sections.recommendations.source").isEqualTo("NONE")
                .jsonPath("$.orders[0].id").isEqualTo("o-1");

        assertThat(Backends.server().countRequestsMatching(
                getRequestedFor(urlPathEqualTo("/recommendations")).build()).getCount())
                .as("a skipped section is not fetched").isZero();
    }

    @Test
    void rejectsAnInvalidUserIdWithProblemJson() {
        client.get().uri("/dashboard/{id}", "bad.id!").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/invalid-user-id")
                .jsonPath("$.title").isEqualTo("Bad Request")
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("^[A-Za-z0-9_-]{1,64}$"))
                .jsonPath("$.instance").isEqualTo("/dashboard/bad.id%21")
                .jsonPath("$.traceId").value(t -> assertThat((String) t).matches("[0-9a-f]{32}"));
    }

    @Test
    void rejectsATooLongUserId() {
        client.get().uri("/dashboard/{id}", "u".repeat(65)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void rejectsAnUnknownIncludeName() {
        client.get().uri("/dashboard/{id}?include=user,wishlist", freshUser()).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/invalid-include")
                .jsonPath("$.detail").value(d -> assertThat((String) d).contains("wishlist"));
    }

    @Test
    void answersUnknownPathsWithProblemJson() {
        client.get().uri("/no/such/thing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.title").isEqualTo("Not Found")
                .jsonPath("$.instance").isEqualTo("/no/such/thing")
                .jsonPath("$.traceId").isNotEmpty()
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void answersOtherMethodsWith405ProblemJson() {
        client.post().uri("/dashboard/{id}", freshUser()).exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET,HEAD")
                .expectBody().jsonPath("$.status").isEqualTo(405);
    }

    @Test
    void answersHeadWithTheHeadersOfGetAndNoBody() {
        String user = freshUser();
        client.head().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Dashboard-Complete", "true")
                .expectHeader().valueEquals("X-Composition", "dashboard")
                .expectHeader().exists(HttpHeaders.ETAG)
                .expectBody().isEmpty();
    }

    @Test
    void takesTheTraceIdFromTraceparentAndPassesTraceHeadersDownstream() {
        String user = freshUser();
        client.get().uri("/dashboard/{id}", user)
                .header("traceparent", TRACEPARENT)
                .header("X-Request-Id", "req-42")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736");

        // same trace, each backend call its own span (TracePropagationTests looks closer)
        Backends.server().verify(getRequestedFor(urlPathEqualTo("/users/" + user))
                .withHeader("traceparent", matching(SAME_TRACE))
                .withHeader("X-Request-Id", equalTo("req-42")));
        Backends.server().verify(getRequestedFor(urlPathEqualTo("/orders"))
                .withQueryParam("userId", equalTo(user))
                .withHeader("traceparent", matching(SAME_TRACE)));
    }

    @Test
    void putsTheIncomingTraceIdIntoProblems() {
        client.get().uri("/dashboard/{id}", "no spaces").header("traceparent", TRACEPARENT).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.traceId").isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void answers304WhenIfNoneMatchCarriesTheCurrentEtag() {
        String user = freshUser();
        String etag = client.get().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .returnResult(byte[].class).getResponseHeaders().getETag();
        assertThat(etag).as("weak ETag over the dashboard content").matches("W/\"[0-9a-f]+\"");

        client.get().uri("/dashboard/{id}", user).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
                .expectBody().isEmpty();
        client.get().uri("/dashboard/{id}", user)
                .header(HttpHeaders.IF_NONE_MATCH, "\"other\", " + etag.substring(2)).exchange()
                .expectStatus().isNotModified();
        client.get().uri("/dashboard/{id}", user).header(HttpHeaders.IF_NONE_MATCH, "W/\"0\"").exchange()
                .expectStatus().isOk();
    }

    @Test
    void changesTheEtagWhenTheContentChanges() {
        String user = freshUser();
        String before = client.get().uri("/dashboard/{id}", user).exchange()
                .returnResult(byte[].class).getResponseHeaders().getETag();
        Backends.stub(get(urlPathEqualTo("/orders")).willReturn(Backends.json("{\"orders\":[]}")));

        client.get().uri("/dashboard/{id}", user).header(HttpHeaders.IF_NONE_MATCH, before).exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.ETAG, etag -> assertThat(etag).isNotEqualTo(before));
    }

    @Test
    void gzipsTheDashboardWhenTheClientAcceptsIt() throws IOException, InterruptedException {
        String user = freshUser();
        String order = "{\"id\":\"o-1\",\"status\":\"SHIPPED\",\"note\":\"" + "x".repeat(300) + "\"}";
        Backends.stub(get(urlPathEqualTo("/orders")).willReturn(Backends.json(
                "{\"orders\":[" + String.join(",", java.util.Collections.nCopies(5, order)) + "]}")));
        // the JDK client, because Reactor Netty's (under WebTestClient) decodes gzip transparently
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/dashboard/" + user))
                .header(HttpHeaders.ACCEPT_ENCODING, "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(HttpHeaders.CONTENT_ENCODING)).hasValue("gzip");
        assertThat(gunzip(response.body())).contains("\"userId\":\"" + user + "\"");
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

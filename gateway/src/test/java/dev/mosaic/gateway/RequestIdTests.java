package dev.mosaic.gateway;

import java.util.Map;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code X-Request-Id} is accepted, generated or replaced; {@code traceparent} is propagated. */
class RequestIdTests extends GatewayIntegrationTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private final String token = TestTokens.valid("u-1");

    @BeforeEach
    void userAnswers() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}")));
    }

    @Test
    void validRequestIdIsEchoedAndPassedDownstream() {
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("X-Request-Id", "req-42.a_b").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-Id", "req-42.a_b");

        backends().verify(getRequestedFor(urlEqualTo("/users/u-1")).withHeader("X-Request-Id", equalTo("req-42.a_b")));
    }

    @Test
    void missingRequestIdIsGeneratedAndPassedDownstream() {
        String id = client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");

        assertThat(id).matches("[0-9a-f]{32}");
        backends().verify(getRequestedFor(urlEqualTo("/users/u-1")).withHeader("X-Request-Id", equalTo(id)));
    }

    @Test
    void invalidRequestIdIsReplacedNotEchoed() {
        String bad = "evil<script>";
        String id = client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("X-Request-Id", bad).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");

        assertThat(id).isNotEqualTo(bad).matches("[0-9a-f]{32}");
        backends().verify(getRequestedFor(urlEqualTo("/users/u-1")).withHeader("X-Request-Id", equalTo(id)));
    }

    @Test
    void tooLongRequestIdIsReplaced() {
        String tooLong = "a".repeat(65);
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("X-Request-Id", tooLong).exchange()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).isNotEqualTo(tooLong).hasSize(32));
    }

    @Test
    void incomingTraceparentIsContinuedDownstreamWithItsTraceIdAndTheGatewaysSpan() {
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("traceparent", TRACEPARENT).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736");

        // same trace, sampled as the caller decided, the gateway's own span as the parent
        backends().verify(getRequestedFor(urlEqualTo("/users/u-1")).withHeader("traceparent",
                matching("00-4bf92f3577b34da6a3ce929d0e0e4736-(?!00f067aa0ba902b7)[0-9a-f]{16}-01")));
    }

    @Test
    void missingTraceparentStartsANewTraceDownstreamWhoseIdTheClientGets() {
        String traceId = client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");

        assertThat(traceId).matches("[0-9a-f]{32}");
        backends().verify(getRequestedFor(urlEqualTo("/users/u-1"))
                .withHeader("traceparent", matching("00-" + traceId + "-[0-9a-f]{16}-0[01]")));
    }

    @Test
    void invalidTraceparentIsReplacedByANewTraceNeverAnError() {
        String traceId = client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("traceparent", "00-not-a-trace-01").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");

        assertThat(traceId).matches("[0-9a-f]{32}");
        backends().verify(getRequestedFor(urlEqualTo("/users/u-1"))
                .withHeader("traceparent", matching("00-" + traceId + "-[0-9a-f]{16}-0[01]")));
    }

    @Test
    void problemCarriesTheIncomingTraceIdAndTheRequestId() {
        var response = client.get().uri("/api/users/u-1").header("traceparent", TRACEPARENT)
                .header("X-Request-Id", "r-1").exchange()
                .expectHeader().valueEquals("X-Request-Id", "r-1")
                .expectHeader().valueEquals("X-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736");

        Map<String, Object> problem = assertProblem(response, 401);
        assertThat(problem).containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
    }
}

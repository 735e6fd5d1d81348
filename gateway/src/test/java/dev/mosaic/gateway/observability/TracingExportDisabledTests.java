package dev.mosaic.gateway.observability;

import java.util.Map;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code management.tracing.export.enabled=false} (Boot 4's switch; the benchmark's "tracing
 * off") the tracer neither reads nor writes {@code traceparent}: the gateway then passes the caller's
 * trace on unchanged, or starts one, so the trace id the client sees is still the one downstream.
 */
@TestPropertySource(properties = "management.tracing.export.enabled=false")
class TracingExportDisabledTests extends GatewayIntegrationTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private final String token = TestTokens.valid("u-1");

    @BeforeEach
    void userAnswers() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}")));
    }

    @Test
    void callersTraceparentGoesDownstreamUnchangedAndItsIdComesBack() {
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("traceparent", TRACEPARENT).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736");

        backends().verify(getRequestedFor(urlEqualTo("/users/u-1")).withHeader("traceparent", equalTo(TRACEPARENT)));
    }

    @Test
    void withoutATraceparentTheGatewayStartsTheTraceItSendsDownstream() {
        String traceId = client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");

        assertThat(traceId).matches("[0-9a-f]{32}");
        backends().verify(getRequestedFor(urlEqualTo("/users/u-1"))
                .withHeader("traceparent", matching("00-" + traceId + "-[0-9a-f]{16}-01")));
    }

    @Test
    void problemCarriesTheCallersTraceId() {
        var response = client.get().uri("/api/users/u-1").header("traceparent", TRACEPARENT).exchange()
                .expectHeader().valueEquals("X-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736");

        Map<String, Object> problem = assertProblem(response, 401);
        assertThat(problem).containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
    }
}

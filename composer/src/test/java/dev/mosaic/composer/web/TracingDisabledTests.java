package dev.mosaic.composer.web;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code management.tracing.export.enabled=false} (the benchmark's "tracing off"), requests still get a
 * trace id and the caller's trace context still reaches the backends, unchanged.
 */
@TestPropertySource(properties = { "management.tracing.export.enabled=false",
        ComposerIntegrationTest.DISTINCT_BACKEND_POOL })
@DirtiesContext
class TracingDisabledTests extends ComposerIntegrationTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void passesTheCallersTraceparentThroughUnchanged() {
        String user = freshUser();
        client.get().uri("/dashboard/{id}", user).header("traceparent", TRACEPARENT)
                .header("X-Request-Id", "req-off-1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Trace-Id", "4bf92f3577b34da6a3ce929d0e0e4736");

        Backends.server().verify(getRequestedFor(urlPathEqualTo("/users/" + user))
                .withHeader("traceparent", equalTo(TRACEPARENT))
                .withHeader("X-Request-Id", equalTo("req-off-1")));
    }

    @Test
    void stillAnswersWithATraceIdWhenNoneCame() {
        client.get().uri("/dashboard/{id}", "bad id!").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().valueMatches("X-Trace-Id", "[0-9a-f]{32}")
                .expectBody().jsonPath("$.traceId").value(id -> org.assertj.core.api.Assertions
                        .assertThat((String) id).matches("[0-9a-f]{32}"));
    }
}

package dev.mosaic.composer.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * W3C trace context through the composer, read from what the WireMock backends received: the caller's
 * trace continues, every backend call (every retry attempt too) is its own child span, and the
 * {@code X-Trace-Id} the client sees is the trace the backends saw.
 */
class TracePropagationTests extends ComposerIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + PARENT_SPAN + "-01";
    private static final Pattern W3C = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    @Test
    void continuesTheCallersTraceWithOneChildSpanPerBackendCall() {
        String user = freshUser();
        client.get().uri("/dashboard/{id}", user).header("traceparent", TRACEPARENT)
                .header("X-Request-Id", "req-trace-1").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Trace-Id", TRACE_ID);

        List<LoggedRequest> calls = backendCallsFor(user);
        assertThat(calls).hasSize(3);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getHeaders().getHeader("traceparent").values())
                    .as("exactly one traceparent, not the caller's appended to ours").hasSize(1);
            assertThat(call.getHeaders().getHeader("X-Request-Id").values()).containsExactly("req-trace-1");
        });
        assertThat(calls).extracting(call -> traceId(call)).containsOnly(TRACE_ID);
        assertThat(calls).extracting(call -> spanId(call))
                .doesNotContain(PARENT_SPAN)
                .doesNotHaveDuplicates();
    }

    @Test
    void startsATraceWhenNoneCameAndReturnsTheIdTheBackendsSaw() {
        String user = freshUser();
        String traceId = client.get().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");

        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(backendCallsFor(user)).hasSize(3).extracting(call -> traceId(call)).containsOnly(traceId);
    }

    @Test
    void replacesAnInvalidTraceparentByANewTrace() {
        String user = freshUser();
        String traceId = client.get().uri("/dashboard/{id}", user).header("traceparent", "00-not-a-trace-01")
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");

        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(backendCallsFor(user)).extracting(call -> traceId(call)).containsOnly(traceId);
    }

    @Test
    void sendsTheTraceWithEveryRetryAttemptEachAsItsOwnSpan() {
        String user = freshUser();
        Backends.stub(get(urlPathEqualTo("/orders")).inScenario("retry-trace").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        Backends.stub(get(urlPathEqualTo("/orders")).inScenario("retry-trace").whenScenarioStateIs("recovered")
                .willReturn(Backends.json(Backends.ORDERS_JSON)));

        client.get().uri("/dashboard/{id}", user).header("traceparent", TRACEPARENT).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.meta.sections.orders.attempts").isEqualTo(2);

        List<LoggedRequest> attempts = Backends.server().findAll(getRequestedFor(urlPathEqualTo("/orders")));
        assertThat(attempts).hasSize(2);
        assertThat(attempts).extracting(call -> traceId(call)).containsOnly(TRACE_ID);
        assertThat(attempts).extracting(call -> spanId(call)).doesNotHaveDuplicates().doesNotContain(PARENT_SPAN);
    }

    private static List<LoggedRequest> backendCallsFor(String user) {
        return Backends.server().findAll(anyRequestedFor(urlPathMatching(".*")))
                .stream()
                .filter(call -> call.getUrl().contains(user))
                .toList();
    }

    private static String traceId(LoggedRequest call) {
        return w3c(call).group(1);
    }

    private static String spanId(LoggedRequest call) {
        return w3c(call).group(2);
    }

    private static Matcher w3c(LoggedRequest call) {
        String traceparent = call.getHeader("traceparent");
        assertThat(traceparent).as("traceparent sent to %s", call.getUrl()).isNotNull();
        Matcher matcher = W3C.matcher(traceparent);
        assertThat(matcher.matches()).as("well-formed traceparent: %s", traceparent).isTrue();
        return matcher;
    }
}

package dev.mosaic.systemtests.tracing;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mosaic.systemtests.stack.Backend;
import dev.mosaic.systemtests.stack.Http;
import dev.mosaic.systemtests.stack.MosaicStack;
import dev.mosaic.systemtests.stack.MosaicStackExtension;
import dev.mosaic.systemtests.stack.StubControlPlane;
import dev.mosaic.systemtests.stack.StubControlPlane.ReceivedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace id from the edge to every backend: what each stub received in {@code traceparent}
 * (read from WireMock's request journal) carries the trace id the gateway returned in
 * {@code X-Trace-Id}, whether the gateway started the trace or the client did.
 */
@ExtendWith(MosaicStackExtension.class)
@Order(1)
class TracePropagationIT {

    /** W3C trace context, version 00: trace id, parent span id, flags. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MosaicStack stack;
    private final StubControlPlane stubs;

    TracePropagationIT(MosaicStack stack) {
        this.stack = stack;
        this.stubs = stack.stubs();
    }

    @BeforeEach
    void warmAndClearJournals() {
        stack.awaitWarm();
        for (Backend backend : Backend.values()) {
            stubs.clearJournal(backend);
        }
    }

    @Test
    void aDashboardReachesEveryBackendWithTheTraceIdTheGatewayReturns() {
        HttpResponse<String> response = dashboard(null);

        String traceId = traceIdHeader(response);
        assertThat(traceId).matches(TRACE_ID).isNotEqualTo("0".repeat(32));
        for (Backend backend : Backend.DASHBOARD) {
            assertThat(traceIdsReceivedBy(backend)).as("trace ids the %s service received", backend.id())
                    .isNotEmpty()
                    .containsOnly(traceId);
        }
    }

    @ParameterizedTest(name = "trace flags {0}")
    @ValueSource(strings = {"01", "00"})
    void aClientsTraceparentKeepsItsTraceIdUpToEveryBackendSampledOrNot(String flags) {
        String traceId = randomHex(16);
        HttpResponse<String> response = dashboard("00-" + traceId + "-" + randomHex(8) + "-" + flags);

        assertThat(traceIdHeader(response)).isEqualTo(traceId);
        for (Backend backend : Backend.DASHBOARD) {
            assertThat(traceIdsReceivedBy(backend)).as("trace ids the %s service received", backend.id())
                    .isNotEmpty()
                    .containsOnly(traceId);
        }
    }

    @Test
    void anInvalidTraceparentIsReplacedNotPropagated() {
        HttpResponse<String> response = dashboard("00-not-a-trace-01");

        String traceId = traceIdHeader(response);
        assertThat(traceId).matches(TRACE_ID);
        for (Backend backend : Backend.DASHBOARD) {
            assertThat(traceIdsReceivedBy(backend)).as("trace ids the %s service received", backend.id())
                    .isNotEmpty()
                    .containsOnly(traceId);
        }
    }

    @Test
    void aProxiedBackendRouteCarriesTheTraceIdTheGatewayReturns() {
        String token = stubs.token("u-42", "dashboard:read");
        HttpResponse<String> response = Http.send(Http.get(stack.gatewayUrl() + "/api/orders?userId=u-42&limit=2")
                .header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(traceIdsReceivedBy(Backend.ORDERS)).isNotEmpty().containsOnly(traceIdHeader(response));
    }

    @Test
    void aProblemFromTheComposerCarriesTheSameTraceIdInItsBodyHeaderAndBackendCall() {
        // u-5000 is a valid id the user service does not know: its 404 becomes the composer's 404 problem
        String token = stubs.token("ops", "dashboard:read dashboard:read:any");
        HttpResponse<String> response = Http.send(Http.get(stack.gatewayUrl() + "/api/dashboard/u-5000")
                .header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        String traceId = traceIdHeader(response);
        assertThat(JSON.readTree(response.body()).path("traceId").asString()).isEqualTo(traceId);
        assertThat(traceIdsReceivedBy(Backend.USER)).isNotEmpty().containsOnly(traceId);
    }

    @Test
    void aProblemFromTheGatewayCarriesTheTraceIdOfItsHeader() {
        // someone else's dashboard: the gateway refuses it itself, nothing goes downstream
        String token = stubs.token("u-42", "dashboard:read");
        HttpResponse<String> response = Http.send(Http.get(stack.gatewayUrl() + "/api/dashboard/u-43")
                .header("Authorization", "Bearer " + token));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(JSON.readTree(response.body()).path("traceId").asString()).isEqualTo(traceIdHeader(response)).matches(TRACE_ID);
    }

    private HttpResponse<String> dashboard(String traceparent) {
        String token = stubs.token("u-42", "dashboard:read");
        var request = Http.get(stack.gatewayUrl() + "/api/dashboard/u-42").header("Authorization", "Bearer " + token);
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        HttpResponse<String> response = Http.send(request);
        assertThat(response.statusCode()).as("dashboard status; body %s", response.body()).isEqualTo(200);
        return response;
    }

    private static String traceIdHeader(HttpResponse<String> response) {
        return response.headers().firstValue("X-Trace-Id")
                .orElseThrow(() -> new AssertionError("no X-Trace-Id header in " + response.headers().map()));
    }

    /**
     * The trace id of every request the backend received since the journal was cleared; a request
     * without a valid traceparent shows as a description of what it had instead.
     */
    private List<String> traceIdsReceivedBy(Backend backend) {
        // WireMock journals a request as it finishes serving it: wait for the entries, never sleep
        List<ReceivedRequest> received = await(backend.id() + " journal")
                .atMost(Duration.ofSeconds(5))
                .until(() -> stubs.journal(backend), list -> !list.isEmpty());
        return received.stream().map(r -> {
            String header = r.header("traceparent").orElse(null);
            if (header == null) {
                return "(no traceparent on " + r.method() + " " + r.url() + ")";
            }
            Matcher m = TRACEPARENT.matcher(header);
            return m.matches() ? m.group(1) : "(malformed traceparent '" + header + "' on " + r.url() + ")";
        }).toList();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

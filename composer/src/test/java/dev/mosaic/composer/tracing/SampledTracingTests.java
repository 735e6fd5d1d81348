package dev.mosaic.composer.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Spans as exported (OpenTelemetry SDK, a capturing exporter): a sampled request records one server
 * span and one client span per backend attempt, whose ids are the {@code traceparent}s the backends
 * received; an unsampled request (the caller's flag {@code 00}, whatever the probability) records
 * none and still sends every backend a trace context of its own.
 */
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.schedule-delay=20ms",
        ComposerIntegrationTest.DISTINCT_BACKEND_POOL })
@Import(SampledTracingTests.Capture.class)
@DirtiesContext
class SampledTracingTests extends ComposerIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Autowired
    private CapturingExporter spans;

    @BeforeEach
    void forgetSpans() {
        spans.finished.clear();
    }

    @Test
    void recordsAServerSpanAndAChildSpanPerBackendAttempt() {
        String user = freshUser();
        client.get().uri("/dashboard/{id}", user).header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Trace-Id", TRACE_ID);

        await().atMost(Duration.ofSeconds(5)).until(() -> spansOf(TRACE_ID).size() >= 4);
        List<SpanData> recorded = spansOf(TRACE_ID);
        SpanData server = recorded.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(server.getName()).isEqualTo("GET /dashboard/{userId}");
        assertThat(server.getAttributes().asMap().toString()).contains("http.response.status_code=200");

        List<SpanData> clients = recorded.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
        assertThat(clients).hasSize(3).allSatisfy(span -> {
            assertThat(span.getParentSpanId()).isEqualTo(server.getSpanId());
            assertThat(span.getAttributes().asMap().toString()).contains("http.response.status_code=200");
        });
        assertThat(backendCallsFor(user)).extracting(call -> call.getHeader("traceparent"))
                .containsExactlyInAnyOrderElementsOf(clients.stream()
                        .map(span -> "00-" + TRACE_ID + "-" + span.getSpanId() + "-01").toList());
    }

    @Test
    void startsASampledTraceWhenNoneCame() {
        String user = freshUser();
        String traceId = client.get().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");

        await().atMost(Duration.ofSeconds(5)).until(() -> spansOf(traceId).size() >= 4);
        assertThat(spansOf(traceId)).filteredOn(s -> s.getKind() == SpanKind.SERVER).singleElement()
                .satisfies(server -> assertThat(server.getParentSpanContext().isValid()).isFalse());
    }

    @Test
    void recordsNothingForACallerThatDidNotSampleButStillSendsEachBackendItsOwnSpanId() {
        String user = freshUser();
        String unsampledTrace = "0af7651916cd43dd8448eb211c80319c";
        client.get().uri("/dashboard/{id}", user)
                .header("traceparent", "00-" + unsampledTrace + "-b7ad6b7169203331-00").exchange()
                .expectStatus().isOk();
        // a sampled request after it: once its spans are out, the unsampled one's would be too
        client.get().uri("/dashboard/{id}", freshUser())
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01").exchange()
                .expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).until(() -> spansOf(TRACE_ID).size() >= 4);

        assertThat(spansOf(unsampledTrace)).isEmpty();
        assertThat(backendCallsFor(user)).hasSize(3).extracting(call -> call.getHeader("traceparent"))
                .allMatch(tp -> tp.matches("00-" + unsampledTrace + "-[0-9a-f]{16}-00"))
                .doesNotHaveDuplicates();
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.finished.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    private static List<LoggedRequest> backendCallsFor(String user) {
        return Backends.server().findAll(anyRequestedFor(urlPathMatching(".*"))).stream()
                .filter(call -> call.getUrl().contains(user)).toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Capture {

        @Bean
        CapturingExporter capturingExporter() {
            return new CapturingExporter();
        }
    }

    static final class CapturingExporter implements SpanExporter {

        final Queue<SpanData> finished = new ConcurrentLinkedQueue<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            finished.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}

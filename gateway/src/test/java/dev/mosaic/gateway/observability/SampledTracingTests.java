package dev.mosaic.gateway.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
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
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

/**
 * Spans as exported (OpenTelemetry SDK, a capturing exporter): a sampled request records one server
 * span named after its route, whose id is the parent the upstream receives in {@code traceparent};
 * a request the caller did not sample records none and still sends the gateway's span id upstream.
 */
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.schedule-delay=20ms" })
@Import(SampledTracingTests.Capture.class)
class SampledTracingTests extends GatewayIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private final String token = TestTokens.valid("u-1");

    @Autowired
    private CapturingExporter spans;

    @BeforeEach
    void userAnswers() {
        spans.finished.clear();
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}")));
    }

    @Test
    void recordsAServerSpanWhoseIdTheUpstreamGetsAsItsParent() {
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Trace-Id", TRACE_ID);

        await().atMost(Duration.ofSeconds(5)).until(() -> !spansOf(TRACE_ID).isEmpty());
        SpanData server = spansOf(TRACE_ID).get(0);
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(server.getName()).isEqualTo("GET users");
        assertThat(server.getAttributes().asMap().toString()).contains("http.response.status_code=200");
        backends().verify(getRequestedFor(urlEqualTo("/users/u-1"))
                .withHeader("traceparent", equalTo(
                        "00-" + TRACE_ID + "-" + server.getSpanId() + "-01")));
    }

    @Test
    void recordsNothingForACallerThatDidNotSample() {
        String unsampled = "0af7651916cd43dd8448eb211c80319c";
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("traceparent", "00-" + unsampled + "-b7ad6b7169203331-00").exchange()
                .expectStatus().isOk();
        // a sampled request after it: once its span is out, the unsampled one's would be too
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01").exchange()
                .expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).until(() -> !spansOf(TRACE_ID).isEmpty());

        assertThat(spansOf(unsampled)).isEmpty();
        backends().verify(getRequestedFor(urlEqualTo("/users/u-1")).withHeader("traceparent",
                matching("00-" + unsampled + "-[0-9a-f]{16}-00")));
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.finished.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
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

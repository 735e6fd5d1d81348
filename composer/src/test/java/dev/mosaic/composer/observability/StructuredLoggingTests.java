package dev.mosaic.composer.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One property, {@code logging.structured.format.console=ecs}, turns the console into one JSON
 * document per line (Elastic Common Schema) that still carries the trace id and request id.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "logging.structured.format.console=ecs",
        ComposerIntegrationTest.DISTINCT_BACKEND_POOL })
@DirtiesContext
class StructuredLoggingTests extends ComposerIntegrationTest {

    private static final String TRACE_ID = "5b8aa5a2d2c872e8321cf37308d69df2";

    @Test
    void writesRequestLinesAsJsonWithTraceAndRequestIds(CapturedOutput output) {
        Backends.stub(get(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(500)));

        client.get().uri("/dashboard/{id}", freshUser())
                .header("traceparent", "00-" + TRACE_ID + "-051581bf3cb55c13-01")
                .header("X-Request-Id", "req-json-3").exchange()
                .expectStatus().isOk();

        String line = await().atMost(Duration.ofSeconds(5))
                .until(() -> LogCorrelationTests.lineWith(output, "req-json-3"), l -> l != null);
        Map<String, Object> json = JsonMapper.builder().build().readValue(line, new TypeReference<>() {
        });
        assertThat(json).containsEntry("log", Map.of("level", "WARN", "logger", "dev.mosaic.composer.sections"))
                .containsEntry("traceId", TRACE_ID)
                .containsEntry("X-Request-Id", "req-json-3")
                .containsKey("spanId");
        assertThat((String) json.get("message")).startsWith("Section orders FAILED (UPSTREAM_ERROR)");
    }
}

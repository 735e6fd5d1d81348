package dev.mosaic.gateway.observability;

import java.time.Duration;
import java.util.Map;

import dev.mosaic.gateway.support.DependenciesDownGatewayTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code logging.structured.format.console=ecs} turns every console line into one JSON object. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests extends DependenciesDownGatewayTest {

    @Test
    void accessLineIsOneJsonObjectWithTraceAndRequestIdFields(CapturedOutput output) {
        String traceId = client.get().uri("/nowhere").header("X-Request-Id", "json-1").exchange()
                .expectStatus().isNotFound()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("requestId=json-1 "));
        String line = output.getOut().lines().filter(l -> l.contains("requestId=json-1 ")).findFirst().orElseThrow();
        Map<String, Object> json = JsonMapper.builder().build().readValue(line, new TypeReference<>() { });

        assertThat(json.get("log")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("logger", "dev.mosaic.gateway.access");
        assertThat(json).containsEntry("traceId", traceId)
                .containsEntry("requestId", "json-1")
                .containsKey("spanId");
        assertThat(json.get("message").toString()).contains("status=404", "route=none");
    }
}

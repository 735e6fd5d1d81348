package dev.mosaic.gateway.observability;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The defaults: an OpenTelemetry-backed tracer, and no OTLP span exporter until an endpoint is set. */
class TracingDefaultsTests extends GatewayIntegrationTest {

    @Autowired
    private ApplicationContext context;

    @Autowired
    private Tracer tracer;

    @Test
    void tracerIsOpenTelemetryBacked() {
        assertThat(tracer).isInstanceOf(OtelTracer.class);
    }

    @Test
    void noOtlpSpanExporterExistsWithoutAnEndpoint() {
        assertThat(context.getBeanNamesForType(OtlpHttpSpanExporter.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OtlpGrpcSpanExporter.class)).isEmpty();
    }
}

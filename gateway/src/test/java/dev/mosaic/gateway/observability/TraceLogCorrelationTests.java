package dev.mosaic.gateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.gateway.requestid.TraceContext;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.util.context.Context;

/** With automatic context propagation, a request's trace ids reach the MDC of any line it logs. */
class TraceLogCorrelationTests {

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void restoresTheTraceIdsFromTheReactorContextIntoTheMdcAndClearsThemAfter() {
        TraceLogCorrelation.register();
        TraceContext trace = new TraceContext("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", null, null);
        ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder()
                .contextRegistry(ContextRegistry.getInstance()).build();

        try (var scope = snapshots.setThreadLocalsFrom(Context.of(TraceContext.ATTRIBUTE, trace))) {
            assertThat(MDC.get("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(MDC.get("spanId")).isEqualTo("00f067aa0ba902b7");
        }
        assertThat(MDC.get("traceId")).isNull();
        assertThat(MDC.get("spanId")).isNull();
    }

    @Test
    void registersOnlyOnce() {
        TraceLogCorrelation.register();
        TraceLogCorrelation.register();
        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
                .filteredOn(accessor -> TraceContext.ATTRIBUTE.equals(accessor.key())).hasSize(1);
    }
}

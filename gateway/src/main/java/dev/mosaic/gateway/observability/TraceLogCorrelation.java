package dev.mosaic.gateway.observability;

import dev.mosaic.gateway.requestid.TraceContext;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Carries the exchange's {@link TraceContext} from the Reactor context (where the request-id filter
 * puts it) into the logging MDC as {@code traceId} and {@code spanId}, wherever Reactor restores
 * thread-locals (automatic context propagation, {@code spring.reactor.context-propagation=auto}).
 */
final class TraceLogCorrelation implements ThreadLocalAccessor<TraceContext> {

    private TraceLogCorrelation() {
    }

    /** Registers the accessor once per JVM (the registry is global; a second context must not add another). */
    static synchronized void register() {
        ContextRegistry registry = ContextRegistry.getInstance();
        boolean present = registry.getThreadLocalAccessors().stream()
                .anyMatch(accessor -> TraceContext.ATTRIBUTE.equals(accessor.key()));
        if (!present) {
            registry.registerThreadLocalAccessor(new TraceLogCorrelation());
        }
    }

    @Override
    public Object key() {
        return TraceContext.ATTRIBUTE;
    }

    @Override
    public TraceContext getValue() {
        String traceId = MDC.get("traceId");
        String spanId = MDC.get("spanId");
        return traceId == null ? null : new TraceContext(traceId, spanId, null, null);
    }

    @Override
    public void setValue(TraceContext value) {
        MDC.put("traceId", value.traceId());
        if (value.spanId() != null) {
            MDC.put("spanId", value.spanId());
        } else {
            MDC.remove("spanId");
        }
    }

    @Override
    public void setValue() {
        MDC.remove("traceId");
        MDC.remove("spanId");
    }
}

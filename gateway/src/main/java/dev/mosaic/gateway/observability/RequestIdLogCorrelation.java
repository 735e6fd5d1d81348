package dev.mosaic.gateway.observability;

import dev.mosaic.gateway.requestid.RequestIdWebFilter;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import org.slf4j.MDC;

/**
 * Carries the request id from the Reactor context (where {@link RequestIdWebFilter} puts it) into
 * the logging MDC as {@code requestId}, next to the tracer's {@code traceId} and {@code spanId},
 * wherever Reactor restores thread-locals (automatic context propagation,
 * {@code spring.reactor.context-propagation=auto}).
 */
final class RequestIdLogCorrelation implements ThreadLocalAccessor<String> {

    static final String MDC_KEY = "requestId";

    private RequestIdLogCorrelation() {
    }

    /** Registers the accessor once per JVM (the registry is global; a second context must not add another). */
    static synchronized void register() {
        ContextRegistry registry = ContextRegistry.getInstance();
        boolean present = registry.getThreadLocalAccessors().stream()
                .anyMatch(accessor -> RequestIdWebFilter.ATTRIBUTE.equals(accessor.key()));
        if (!present) {
            registry.registerThreadLocalAccessor(new RequestIdLogCorrelation());
        }
    }

    @Override
    public Object key() {
        return RequestIdWebFilter.ATTRIBUTE;
    }

    @Override
    public String getValue() {
        return MDC.get(MDC_KEY);
    }

    @Override
    public void setValue(String value) {
        MDC.put(MDC_KEY, value);
    }

    @Override
    public void setValue() {
        MDC.remove(MDC_KEY);
    }
}

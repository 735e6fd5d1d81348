package dev.mosaic.composer.observability;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every circuit breaker state transition once, as it happens, on logger {@value #LOGGER}:
 * WARN when a circuit opens ({@code OPEN}, {@code FORCED_OPEN}), INFO for every other transition.
 *
 * <pre>{@code
 * CircuitStateLog.attachTo(registries.circuitBreakers()); // before the breakers are created
 * }</pre>
 */
public final class CircuitStateLog {

    /** Logger name, so that transitions can be routed or silenced on their own. */
    public static final String LOGGER = "dev.mosaic.composer.circuits";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private CircuitStateLog() {
    }

    /** Logs the transitions of every breaker the registry holds now or creates later. */
    public static void attachTo(CircuitBreakerRegistry registry) {
        registry.getAllCircuitBreakers().forEach(CircuitStateLog::attach);
        registry.getEventPublisher().onEntryAdded(added -> attach(added.getAddedEntry()));
    }

    private static void attach(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(event -> log(breaker, event));
    }

    private static void log(CircuitBreaker breaker, CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.State to = event.getStateTransition().getToState();
        CircuitBreaker.State from = event.getStateTransition().getFromState();
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
            log.warn("Circuit breaker '{}' {} -> {} (failure rate {}%, slow-call rate {}%, {} buffered calls)",
                    event.getCircuitBreakerName(), from, to, metrics.getFailureRate(), metrics.getSlowCallRate(),
                    metrics.getNumberOfBufferedCalls());
        } else {
            log.info("Circuit breaker '{}' {} -> {}", event.getCircuitBreakerName(), from, to);
        }
    }
}

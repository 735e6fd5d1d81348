package dev.mosaic.gateway.observability;

import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every state transition of every route circuit breaker exactly once, when Resilience4j
 * publishes it: WARN when a breaker opens (someone's upstream is failing), INFO for every other
 * transition (half-open probes, closing again), e.g.
 * {@code Circuit breaker 'users' CLOSED -> OPEN}.
 */
public final class CircuitBreakerTransitionLogger {

    private static final Logger log = LoggerFactory.getLogger(CircuitBreakerTransitionLogger.class);

    // a breaker added while attachTo runs is seen twice; it must still get one listener
    private final Set<CircuitBreaker> attached = Collections.newSetFromMap(new ConcurrentHashMap<>());

    private CircuitBreakerTransitionLogger() {
    }

    /** Attaches to the registry's breakers, present and future. */
    public static CircuitBreakerTransitionLogger attachTo(CircuitBreakerRegistry registry) {
        CircuitBreakerTransitionLogger logger = new CircuitBreakerTransitionLogger();
        registry.getEventPublisher().onEntryAdded(added -> logger.attach(added.getAddedEntry()));
        registry.getEventPublisher().onEntryReplaced(replaced -> logger.attach(replaced.getNewEntry()));
        registry.getAllCircuitBreakers().forEach(logger::attach);
        return logger;
    }

    private void attach(CircuitBreaker breaker) {
        if (attached.add(breaker)) {
            breaker.getEventPublisher().onStateTransition(CircuitBreakerTransitionLogger::log);
        }
    }

    private static void log(CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.State to = event.getStateTransition().getToState();
        CircuitBreaker.State from = event.getStateTransition().getFromState();
        if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
            log.warn("Circuit breaker '{}' {} -> {}", event.getCircuitBreakerName(), from, to);
        } else {
            log.info("Circuit breaker '{}' {} -> {}", event.getCircuitBreakerName(), from, to);
        }
    }
}

package dev.mosaic.composer.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnErrorEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnIgnoredErrorEvent;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.consumer.CircularEventConsumer;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/circuitbreakerevents[/{name}]}: the latest events of each circuit breaker, oldest
 * first. Successful calls are left out on purpose: under load they would push the interesting events
 * (errors, rejections, state transitions) out of the buffer within milliseconds.
 */
@Endpoint(id = "circuitbreakerevents")
public final class CircuitBreakerEventsEndpoint {

    /** Events kept per breaker. */
    static final int BUFFER_SIZE = 100;

    /**
     * One event.
     *
     * @param circuitBreakerName the breaker
     * @param type ERROR, NOT_PERMITTED, STATE_TRANSITION, IGNORED_ERROR, RESET, ...
     * @param creationTime when it happened (ISO-8601)
     * @param errorMessage the error of an ERROR or IGNORED_ERROR event, else absent
     * @param durationMs how long the failed call took, else absent
     * @param stateTransition {@code FROM_TO} of a STATE_TRANSITION event, else absent
     */
    public record Event(String circuitBreakerName, String type, String creationTime, String errorMessage,
            Long durationMs, String stateTransition) {

        static Event of(CircuitBreakerEvent event) {
            String error = null;
            Duration duration = null;
            String transition = null;
            if (event instanceof CircuitBreakerOnErrorEvent e) {
                error = describe(e.getThrowable());
                duration = e.getElapsedDuration();
            } else if (event instanceof CircuitBreakerOnIgnoredErrorEvent e) {
                error = describe(e.getThrowable());
                duration = e.getElapsedDuration();
            } else if (event instanceof CircuitBreakerOnStateTransitionEvent e) {
                transition = e.getStateTransition().name();
            }
            return new Event(event.getCircuitBreakerName(), event.getEventType().name(),
                    event.getCreationTime().toString(), error, duration == null ? null : duration.toMillis(),
                    transition);
        }

        private static String describe(Throwable t) {
            return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
    }

    /**
     * The answer.
     *
     * @param circuitBreakerEvents events, oldest first
     */
    public record Response(List<Event> circuitBreakerEvents) {
    }

    private final Map<String, CircularEventConsumer<CircuitBreakerEvent>> buffers = new ConcurrentHashMap<>();

    /** Buffers the events of every breaker the registry holds now or creates later. */
    public CircuitBreakerEventsEndpoint(CircuitBreakerRegistry registry) {
        registry.getAllCircuitBreakers().forEach(this::attach);
        registry.getEventPublisher().onEntryAdded(added -> attach(added.getAddedEntry()));
    }

    private void attach(CircuitBreaker breaker) {
        CircularEventConsumer<CircuitBreakerEvent> buffer = new CircularEventConsumer<>(BUFFER_SIZE);
        buffers.put(breaker.getName(), buffer);
        breaker.getEventPublisher().onEvent(event -> {
            if (event.getEventType() != CircuitBreakerEvent.Type.SUCCESS) {
                buffer.consumeEvent(event);
            }
        });
    }

    /** Every breaker's events. */
    @ReadOperation
    public Response events() {
        List<CircuitBreakerEvent> all = new ArrayList<>();
        buffers.values().forEach(buffer -> all.addAll(buffer.getBufferedEvents()));
        all.sort(Comparator.comparing(CircuitBreakerEvent::getCreationTime));
        return new Response(all.stream().map(Event::of).toList());
    }

    /** One breaker's events (empty for an unknown name). */
    @ReadOperation
    public Response events(@Selector String name) {
        CircularEventConsumer<CircuitBreakerEvent> buffer = buffers.get(name);
        return new Response(buffer == null ? List.of()
                : buffer.getBufferedEvents().stream().map(Event::of).toList());
    }
}

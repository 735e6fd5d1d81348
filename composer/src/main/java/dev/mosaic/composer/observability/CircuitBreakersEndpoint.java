package dev.mosaic.composer.observability;

import java.util.Map;
import java.util.TreeMap;

import dev.mosaic.composer.resilience.ResilienceRegistries;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/circuitbreakers}: every section's circuit breaker with its state and the numbers
 * of its sliding window (the shape of Resilience4j's own endpoint, over the composer's registry).
 */
@Endpoint(id = "circuitbreakers")
public final class CircuitBreakersEndpoint {

    /**
     * One breaker.
     *
     * @param state CLOSED, OPEN, HALF_OPEN, ...
     * @param failureRate percent of failed calls in the window, -1 below the minimum number of calls
     * @param slowCallRate percent of slow calls, -1 likewise
     * @param failureRateThreshold the threshold that opens the circuit
     * @param bufferedCalls calls in the window
     * @param failedCalls failed calls in the window
     * @param slowCalls slow calls in the window
     * @param notPermittedCalls calls rejected while open (since the last state change)
     */
    public record Details(String state, float failureRate, float slowCallRate, float failureRateThreshold,
            int bufferedCalls, int failedCalls, int slowCalls, long notPermittedCalls) {

        static Details of(CircuitBreaker breaker) {
            CircuitBreaker.Metrics m = breaker.getMetrics();
            return new Details(breaker.getState().name(), m.getFailureRate(), m.getSlowCallRate(),
                    breaker.getCircuitBreakerConfig().getFailureRateThreshold(), m.getNumberOfBufferedCalls(),
                    m.getNumberOfFailedCalls(), m.getNumberOfSlowCalls(), m.getNumberOfNotPermittedCalls());
        }
    }

    /**
     * The answer.
     *
     * @param circuitBreakers breakers by name
     */
    public record Response(Map<String, Details> circuitBreakers) {
    }

    private final ResilienceRegistries registries;

    public CircuitBreakersEndpoint(ResilienceRegistries registries) {
        this.registries = registries;
    }

    /** Every breaker by name. */
    @ReadOperation
    public Response circuitBreakers() {
        Map<String, Details> breakers = new TreeMap<>();
        registries.circuitBreakers().getAllCircuitBreakers()
                .forEach(breaker -> breakers.put(breaker.getName(), Details.of(breaker)));
        return new Response(breakers);
    }
}

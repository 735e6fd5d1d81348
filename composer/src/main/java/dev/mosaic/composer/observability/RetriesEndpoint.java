package dev.mosaic.composer.observability;

import java.util.Map;
import java.util.TreeMap;

import dev.mosaic.composer.resilience.ResilienceRegistries;
import io.github.resilience4j.retry.Retry;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/** {@code /actuator/retries}: every section's retry with its limit and call counts. */
@Endpoint(id = "retries")
public final class RetriesEndpoint {

    /**
     * One retry.
     *
     * @param maxAttempts attempts including the first
     * @param successfulCallsWithoutRetry calls that succeeded at once
     * @param successfulCallsWithRetry calls that succeeded after retrying
     * @param failedCallsWithoutRetry calls that failed without a retry (not retryable, or no retry allowed)
     * @param failedCallsWithRetry calls that failed after retrying
     */
    public record Details(int maxAttempts, long successfulCallsWithoutRetry, long successfulCallsWithRetry,
            long failedCallsWithoutRetry, long failedCallsWithRetry) {

        static Details of(Retry retry) {
            Retry.Metrics m = retry.getMetrics();
            return new Details(retry.getRetryConfig().getMaxAttempts(), m.getNumberOfSuccessfulCallsWithoutRetryAttempt(),
                    m.getNumberOfSuccessfulCallsWithRetryAttempt(), m.getNumberOfFailedCallsWithoutRetryAttempt(),
                    m.getNumberOfFailedCallsWithRetryAttempt());
        }
    }

    /**
     * The answer.
     *
     * @param retries retries by name
     */
    public record Response(Map<String, Details> retries) {
    }

    private final ResilienceRegistries registries;

    public RetriesEndpoint(ResilienceRegistries registries) {
        this.registries = registries;
    }

    /** Every retry by name. */
    @ReadOperation
    public Response retries() {
        Map<String, Details> retries = new TreeMap<>();
        registries.retries().getAllRetries().forEach(retry -> retries.put(retry.getName(), Details.of(retry)));
        return new Response(retries);
    }
}

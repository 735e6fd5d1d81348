package dev.mosaic.gateway.config;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-route edge resilience: timeouts, retries and the circuit breaker's time limit.
 *
 * <p>The three timeouts nest: {@code connectTimeout} and {@code responseTimeout} bound one attempt
 * in the HTTP client; {@code timeLimit} (the circuit breaker's TimeLimiter) bounds all attempts of a
 * request and must exceed the response timeout, so the client gives up first and the caller sees a
 * 504 rather than a hidden Resilience4j default (1 s). Both stay under the 2 s most HTTP clients and
 * load generators wait.
 *
 * @param connectTimeout  TCP connect timeout of one attempt
 * @param responseTimeout time to the response headers of one attempt
 * @param timeLimit       circuit breaker time limit for the whole request, retries included
 * @param retries         extra attempts for a GET on a connect error or 502/503/504 (0 = none)
 * @param countServerErrors whether upstream 5xx answers count as circuit breaker failures
 */
public record RoutePolicy(
        @NotNull @DefaultValue("250ms") Duration connectTimeout,
        @NotNull @DefaultValue("1s") Duration responseTimeout,
        @NotNull @DefaultValue("1800ms") Duration timeLimit,
        @Min(0) @Max(5) @DefaultValue("2") int retries,
        @DefaultValue("true") boolean countServerErrors) {

    /** Backends: quick single calls, safe to retry, their 5xx count against the circuit. */
    public static final RoutePolicy BACKEND_DEFAULT =
            new RoutePolicy(Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofMillis(1800), 2, true);

    /**
     * The composer has its own 1 s deadline, retries and circuit breakers: the gateway waits a bit
     * longer than that deadline, does not retry (that would multiply the composer's own retries) and
     * passes its problem+json 503/504 through instead of counting them against the composer.
     */
    public static final RoutePolicy COMPOSER_DEFAULT =
            new RoutePolicy(Duration.ofMillis(250), Duration.ofMillis(1500), Duration.ofMillis(1800), 0, false);

    /** The composer's own default request deadline (SPEC: at most 1 s), which {@link #COMPOSER_DEFAULT} is sized for. */
    public static final Duration COMPOSER_DEADLINE = Duration.ofSeconds(1);

    /**
     * The composer route's default for a composition with its own {@code deadline}: {@link #COMPOSER_DEFAULT}
     * up to the composer's default deadline, beyond it the same margins above the deadline (the
     * response timeout 500 ms above it, the time limit 300 ms above that), so that the edge never
     * cuts a composition short of the deadline its file asks for.
     *
     * @param deadline the composition's deadline, or null for the composer's default
     */
    public static RoutePolicy composerFor(Duration deadline) {
        if (deadline == null || deadline.compareTo(COMPOSER_DEADLINE) <= 0) {
            return COMPOSER_DEFAULT;
        }
        Duration response = deadline.plus(COMPOSER_DEFAULT.responseTimeout().minus(COMPOSER_DEADLINE));
        Duration limit = response.plus(COMPOSER_DEFAULT.timeLimit().minus(COMPOSER_DEFAULT.responseTimeout()));
        return new RoutePolicy(COMPOSER_DEFAULT.connectTimeout(), response, limit, COMPOSER_DEFAULT.retries(),
                COMPOSER_DEFAULT.countServerErrors());
    }

    public RoutePolicy {
        if (timeLimit != null && responseTimeout != null && timeLimit.compareTo(responseTimeout) <= 0) {
            throw new IllegalArgumentException("timeLimit (" + timeLimit + ") must exceed responseTimeout ("
                    + responseTimeout + ") so that the HTTP client gives up first");
        }
    }
}

package dev.mosaic.composer.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the composer can be tuned with, bound from {@code mosaic.composer.*} and validated at
 * start-up: a bad value stops the application with a message naming the property.
 *
 * <pre>{@code
 * mosaic.composer:
 *   deadline: 900ms
 *   sources:
 *     orders: { url: http://127.0.0.1:9002, timeout: 300ms, retry: { max-attempts: 3 } }
 * }</pre>
 *
 * @param deadline the default request deadline (a composition may set its own); no answer takes
 *     longer (plus a small margin)
 * @param client the shared backend HTTP client (connection pool, limits)
 * @param sources the backends compositions call, by source name ({@code user}, {@code orders},
 *     {@code recommendations}, {@code catalog}, …)
 * @param recommendations when set, replaces the dashboard's recommendations fallback (from before
 *     compositions; {@code dashboard.yaml} has the same list)
 * @param security how the caller's token is verified
 * @param attemptFloor no backend attempt starts with less of the request's deadline left (a client's
 *     {@code X-Mosaic-Timeout-Ms} can leave very little): an attempt that cannot finish only loads the backend
 * @param admission the composer's own adaptive concurrency limit on composition requests
 */
@ConfigurationProperties("mosaic.composer")
@Validated
public record ComposerProperties(
        @DefaultValue(DEFAULT_DEADLINE) @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 60) Duration deadline,
        @DefaultValue @NotNull @Valid ClientProperties client,
        @DefaultValue @NotNull @Valid Map<String, SourceProperties> sources,
        @DefaultValue @NotNull @Valid Recommendations recommendations,
        @DefaultValue @NotNull @Valid SecurityProperties security,
        @DefaultValue(DEFAULT_ATTEMPT_FLOOR) @NotNull @DurationMin(millis = 0) @DurationMax(seconds = 10)
        Duration attemptFloor,
        @DefaultValue @NotNull @Valid Admission admission) {

    /** Default overall deadline: comfortably under the SPEC's 1 s. */
    public static final String DEFAULT_DEADLINE = "900ms";

    /** Default attempt floor: less than this is not enough for even a loopback round trip under load. */
    public static final String DEFAULT_ATTEMPT_FLOOR = "10ms";

    /**
     * Static fallback for the recommendations section.
     *
     * @param popular items served (as {@code FALLBACK}) when no live or cached recommendations exist
     */
    public record Recommendations(@DefaultValue @NotNull @Valid List<PopularItem> popular) {
    }

    /**
     * One entry of the popular list.
     *
     * @param productId the product
     * @param title its display title
     */
    public record PopularItem(@NotBlank String productId, @NotBlank String title) {
    }

    /**
     * The composer's door: an adaptive (Gradient2) limit on composition requests in flight. Over it a
     * request is 503 problem+json {@code overloaded} with {@code Retry-After} at once, instead of
     * queueing on two cores until every section times out and the breakers blame healthy backends.
     * Gradient2 leaves the limit alone while fewer than half of it are in flight, so with the default
     * 1024 nothing is ever shed below 512 requests in flight (the benchmarks' highest concurrency);
     * beyond that it follows latency, never under 256.
     *
     * @param enabled whether the door limits at all
     * @param initialLimit the limit at start
     * @param minLimit never below this (light traffic is never shed)
     * @param maxLimit never above this
     */
    public record Admission(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1024") @Min(1) int initialLimit,
            @DefaultValue("256") @Min(1) int minLimit,
            @DefaultValue("8192") @Min(1) int maxLimit) {

        /** Bean validation: the three bounds in order. */
        @AssertTrue(message = "needs min-limit <= initial-limit <= max-limit")
        public boolean isOrdered() {
            return minLimit <= initialLimit && initialLimit <= maxLimit;
        }
    }
}

package dev.mosaic.composer.warmup;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The warm-up before readiness ({@code mosaic.composer.warm-up.*}).
 *
 * @param enabled     run it (off: ready as soon as started, cold)
 * @param requests    dashboards requested from the composer's own port
 * @param concurrency how many at a time
 * @param maxDuration the warm-up stops after this, however far it got: start-up never waits longer
 */
@Validated
@ConfigurationProperties("mosaic.composer.warm-up")
public record WarmUpProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("300") @Min(0) @Max(100_000) int requests,
        @DefaultValue("4") @Min(1) @Max(256) int concurrency,
        @DefaultValue("20s") @NotNull @DurationMin(millis = 1) Duration maxDuration) {
}

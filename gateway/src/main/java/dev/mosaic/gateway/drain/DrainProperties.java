package dev.mosaic.gateway.drain;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The graceful drain on shutdown, bound from {@code mosaic.gateway.drain.*} (see {@link GracefulDrain}).
 *
 * @param delay how long the instance keeps serving, not ready and closing every connection after its
 *              answer, before it stops accepting connections: long enough for a load balancer that
 *              polls readiness to take it out (one poll interval and a bit); at most 15 s, inside
 *              {@code spring.lifecycle.timeout-per-shutdown-phase} (20 s)
 */
@Validated
@ConfigurationProperties("mosaic.gateway.drain")
public record DrainProperties(
        @NotNull @DefaultValue("2s") @DurationMin(millis = 0) @DurationMax(seconds = 15) Duration delay) {
}

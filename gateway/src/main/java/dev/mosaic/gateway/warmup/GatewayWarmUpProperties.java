package dev.mosaic.gateway.warmup;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's warm-up before readiness ({@code mosaic.gateway.warm-up.*}).
 *
 * @param enabled     run it (off: ready as soon as started, cold)
 * @param requests    requests of each kind (edge, upstream)
 * @param concurrency how many at a time
 * @param maxDuration the warm-up stops after this, however far it got
 * @param tokenUri    a development identity provider's token endpoint ({@code POST {"sub":..}}), for
 *                    warm-up tokens that pass the real verification, so that the composed routes
 *                    themselves are exercised; unset (the default) in production: then only the
 *                    401 path and the upstream client are warmed. {@code ./mosaic up} sets it to
 *                    the stubs' {@code /token}.
 */
@Validated
@ConfigurationProperties("mosaic.gateway.warm-up")
public record GatewayWarmUpProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") @Min(0) @Max(100_000) int requests,
        @DefaultValue("4") @Min(1) @Max(256) int concurrency,
        @DefaultValue("15s") @NotNull @DurationMin(millis = 1) Duration maxDuration,
        URI tokenUri) {
}

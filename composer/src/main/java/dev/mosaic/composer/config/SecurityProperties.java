package dev.mosaic.composer.config;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the composer verifies the caller's bearer token ({@code mosaic.composer.security.*}): the same
 * identity provider as the gateway's.
 *
 * @param jwkSetUri the provider's JWK set
 * @param issuer the {@code iss} every token must carry
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param jwkTimeout how long one JWK set fetch may take
 * @param jwkMaxAge a fetched key set is fetched again after this: a key the provider dropped is
 *     trusted at most this long (while the provider answers)
 * @param jwkMinRefetchInterval the least time between two fetches, however many unknown key ids arrive
 * @param verifiedTokens distinct verified tokens remembered until they expire
 */
public record SecurityProperties(
        @DefaultValue("http://127.0.0.1:9000/.well-known/jwks.json") @NotNull URI jwkSetUri,
        @DefaultValue("http://localhost:9000") @NotBlank String issuer,
        @DefaultValue("30s") @NotNull Duration clockSkew,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration jwkTimeout,
        @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration jwkMaxAge,
        @DefaultValue("30s") @NotNull @DurationMin(millis = 0) Duration jwkMinRefetchInterval,
        @DefaultValue("10000") @Min(1) long verifiedTokens) {
}

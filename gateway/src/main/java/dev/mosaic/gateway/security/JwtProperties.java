package dev.mosaic.gateway.security;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How bearer tokens are verified, bound from {@code mosaic.gateway.security.*}.
 *
 * <p>Defaults point at the development identity provider of stub-services (port 9000), whose
 * tokens carry {@code iss = http://localhost:9000}.
 *
 * @param jwkSetUri where the RS256 public keys are fetched (and re-fetched on an unknown {@code kid})
 * @param issuer    the exact {@code iss} every token must carry
 * @param clockSkew tolerance for {@code exp} and {@code nbf} between this host and the issuer
 * @param verifiedTokenTtl how long a token that passed verification is trusted without repeating
 *                  the RSA check (never beyond its {@code exp}); {@code 0s} turns the cache off
 */
@Validated
@ConfigurationProperties("mosaic.gateway.security")
public record JwtProperties(
        @NotNull @DefaultValue("http://127.0.0.1:9000/.well-known/jwks.json") URI jwkSetUri,
        @NotBlank @DefaultValue("http://localhost:9000") String issuer,
        @NotNull @DefaultValue("30s") Duration clockSkew,
        @NotNull @DefaultValue("60s") Duration verifiedTokenTtl) {
}

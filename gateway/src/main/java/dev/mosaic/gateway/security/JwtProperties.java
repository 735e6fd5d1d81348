package dev.mosaic.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How bearer tokens are verified, bound from {@code mosaic.gateway.security.*}.
 *
 * <p>There is no default identity provider: {@code jwk-set-uri} and {@code issuer} must be set, or
 * the gateway refuses to start ({@link IdentityProviderNotConfiguredException}). The {@code dev}
 * profile ({@code application-dev.yml}, which {@code ./mosaic up} activates) points both at the
 * development identity provider of stub-services ({@code http://127.0.0.1:9000}).
 *
 * @param jwkSetUri where the RS256 public keys are fetched
 * @param issuer    the exact {@code iss} every token must carry
 * @param audience  when set, {@code aud} must contain it; unset, {@code aud} is not checked
 * @param clockSkew tolerance for {@code exp} and {@code nbf} between this host and the issuer
 * @param verifiedTokenTtl how long a token that passed verification is trusted without repeating
 *                  the RSA check (never beyond its {@code exp}, never once its key left the set);
 *                  {@code 0s} turns the cache off
 * @param jwkConnectTimeout how long connecting to the JWK set URI may take
 * @param jwkTimeout how long one whole JWK set fetch (connect, answer, body) may take
 * @param jwkRefreshInterval the key set is fetched again this often, so that a key the provider
 *                  dropped stops being trusted within this interval plus {@code jwkTimeout}
 * @param jwkMinRefetchInterval the least time between a fetch and one caused by a token whose
 *                  {@code kid} is unknown, however many such tokens arrive
 * @param tokenRelayRoutes pass-through route ids whose backend receives the caller's
 *                  {@code Authorization} header (composer routes always do; by default no backend does)
 */
@Validated
@ConfigurationProperties("mosaic.gateway.security")
public record JwtProperties(
        URI jwkSetUri,
        String issuer,
        String audience,
        @NotNull @DefaultValue("30s") Duration clockSkew,
        @NotNull @DefaultValue("60s") Duration verifiedTokenTtl,
        @NotNull @DurationMin(millis = 1) @DefaultValue("500ms") Duration jwkConnectTimeout,
        @NotNull @DurationMin(millis = 1) @DefaultValue("2s") Duration jwkTimeout,
        @NotNull @DurationMin(millis = 100) @DefaultValue("60s") Duration jwkRefreshInterval,
        @NotNull @DurationMin(millis = 0) @DefaultValue("10s") Duration jwkMinRefetchInterval,
        @DefaultValue List<String> tokenRelayRoutes) {

    /** The identity provider this gateway trusts, or an exception saying what to set. */
    IdentityProvider identityProvider() {
        boolean noUri = jwkSetUri == null || jwkSetUri.toString().isBlank();
        boolean noIssuer = issuer == null || issuer.isBlank();
        if (noUri || noIssuer) {
            throw new IdentityProviderNotConfiguredException(noUri, noIssuer);
        }
        return new IdentityProvider(jwkSetUri, issuer, audience == null || audience.isBlank() ? null : audience);
    }

    /** The configured identity provider: its keys, its issuer and (optionally) the audience it issues for. */
    record IdentityProvider(URI jwkSetUri, String issuer, String audience) {
    }
}

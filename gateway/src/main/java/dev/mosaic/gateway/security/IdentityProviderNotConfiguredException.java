package dev.mosaic.gateway.security;

/**
 * The gateway was started without an identity provider to trust: no JWK set URI, no issuer, or
 * neither. There is deliberately no default outside the {@code dev} profile, so that a gateway
 * started bare never trusts the development identity provider (which mints any token for anyone).
 * {@link IdentityProviderNotConfiguredFailureAnalyzer} prints it as one start-up message.
 */
public final class IdentityProviderNotConfiguredException extends IllegalStateException {

    IdentityProviderNotConfiguredException(boolean jwkSetUriMissing, boolean issuerMissing) {
        super(message(jwkSetUriMissing, issuerMissing));
    }

    private static String message(boolean jwkSetUriMissing, boolean issuerMissing) {
        String missing = jwkSetUriMissing && issuerMissing
                ? "mosaic.gateway.security.jwk-set-uri and mosaic.gateway.security.issuer are not set"
                : jwkSetUriMissing ? "mosaic.gateway.security.jwk-set-uri is not set"
                : "mosaic.gateway.security.issuer is not set";
        return "No identity provider to trust: " + missing + ". Set mosaic.gateway.security.jwk-set-uri "
                + "(MOSAIC_GATEWAY_SECURITY_JWK_SET_URI) to your provider's JWK set and mosaic.gateway.security.issuer "
                + "(MOSAIC_GATEWAY_SECURITY_ISSUER) to the exact iss of its tokens; or, on a developer machine only, "
                + "start with the dev profile (--spring.profiles.active=dev, as ./mosaic up does) to trust the "
                + "development identity provider on 127.0.0.1:9000.";
    }
}

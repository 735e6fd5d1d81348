package dev.mosaic.stubs.identity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * A DEVELOPMENT-ONLY identity provider: it mints an RS256 JWT for whatever subject and scope it is
 * asked for, with no authentication at all. It exists so that the gateway's real JWT validation
 * (against {@link #jwks()}) can be exercised on one machine by developers and load tests. Never
 * run it where anything but local tools can reach it.
 *
 * <p>Its RSA 2048 key pair is generated at start and lives only in memory, so tokens from an
 * earlier run do not verify after a restart.
 *
 * <pre>{@code
 * DevIdentityProvider idp = DevIdentityProvider.generate(URI.create("http://localhost:9000"), Clock.systemUTC());
 * IssuedToken token = idp.mint("u-42", "dashboard:read", Duration.ofHours(1));
 * }</pre>
 */
public final class DevIdentityProvider {

    private final URI issuer;
    private final Clock clock;
    private final RSAKey key;
    private final RSASSASigner signer;
    private final Map<String, Object> jwks;

    private DevIdentityProvider(URI issuer, Clock clock, RSAKey key) throws JOSEException {
        this.issuer = issuer;
        this.clock = clock;
        this.key = key;
        this.signer = new RSASSASigner(key);
        this.jwks = new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    /** A provider with a freshly generated RSA 2048 signing key. */
    public static DevIdentityProvider generate(URI issuer, Clock clock) {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            return new DevIdentityProvider(issuer, clock, key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the dev identity provider's RSA key", e);
        }
    }

    /** The {@code iss} of every token. */
    public URI issuer() {
        return issuer;
    }

    /** The {@code kid} of the signing key. */
    public String keyId() {
        return key.getKeyID();
    }

    /** The public key set, as served at {@code /.well-known/jwks.json}: {@code {"keys":[{kty,e,n,kid,alg,use}]}}. */
    public Map<String, Object> jwks() {
        return jwks;
    }

    /** Mints a signed token for {@code subject} with a space-separated {@code scope}, valid for {@code lifetime}. */
    public IssuedToken mint(String subject, String scope, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .subject(subject)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), scope, lifetime);
    }
}

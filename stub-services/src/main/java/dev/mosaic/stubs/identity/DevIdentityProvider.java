package dev.mosaic.stubs.identity;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
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
 * <p>Its RSA 2048 keys are generated at start and live only in memory, so tokens from an earlier
 * run do not verify after a restart.
 *
 * <p><b>Rotation without a rejection window.</b> The key set always publishes the key that signs
 * now ({@code current}, first), the key that will sign after the next {@link #rotate()}
 * ({@code next}, published from the start but never used before) and each retired key until its
 * grace period ends. A rotation makes {@code next} the signing key, so the first token it signs
 * names a key that every verifier which fetched the set since the previous rotation already holds:
 * no unknown {@code kid}, no refetch, no 401 while a verifier waits out its minimum refetch
 * interval. The retired key stays published for {@code grace}, then the set drops it; a verifier
 * stops accepting its tokens once it next refreshes the set (the composer within
 * {@code jwk-max-age}, 5 min by default). Rotating twice within a verifier's refresh interval
 * falls back to its unknown-{@code kid} refetch for the second new key.
 *
 * <pre>{@code
 * DevIdentityProvider idp = DevIdentityProvider.generate(URI.create("http://localhost:9000"), Duration.ofMinutes(10), Clock.systemUTC());
 * IssuedToken token = idp.mint("u-42", "dashboard:read", Duration.ofHours(1));
 * Rotation rotation = idp.rotate();   // rotation.kid() signs from now on; rotation.previousKid() until rotation.previousDroppedAt()
 * }</pre>
 */
public final class DevIdentityProvider {

    /** What a rotation did: the key that signs now, the one published for the next rotation, the one retired. */
    public record Rotation(String kid, String nextKid, String previousKid, Instant previousDroppedAt) {
    }

    private record Retired(RSAKey key, Instant droppedAt) {
    }

    private record Keys(RSAKey current, RSASSASigner signer, RSAKey next, List<Retired> retired) {
    }

    /**
     * {@code aud} of every token: the gateway's dev profile requires it
     * ({@code mosaic.gateway.security.audience}), so a token minted for something else is refused.
     */
    public static final String AUDIENCE = "mosaic";

    private final URI issuer;
    private final Duration grace;
    private final Clock clock;
    private volatile Keys keys;

    private DevIdentityProvider(URI issuer, Duration grace, Clock clock, RSAKey current, RSAKey next) {
        this.issuer = issuer;
        this.grace = grace;
        this.clock = clock;
        this.keys = new Keys(current, signer(current), next, List.of());
    }

    /**
     * A provider with freshly generated RSA 2048 keys (the signing key and the next one).
     *
     * @param grace how long a key retired by {@link #rotate()} stays in the key set
     */
    public static DevIdentityProvider generate(URI issuer, Duration grace, Clock clock) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("the rotation grace period must not be negative: " + grace);
        }
        return new DevIdentityProvider(issuer, grace, clock, newKey(), newKey());
    }

    /** The {@code iss} of every token. */
    public URI issuer() {
        return issuer;
    }

    /** How long a retired key stays in the key set. */
    public Duration grace() {
        return grace;
    }

    /** The {@code kid} of the signing key. */
    public String keyId() {
        return keys.current().getKeyID();
    }

    /** The {@code kid} of the key that signs after the next rotation (already in the key set). */
    public String nextKeyId() {
        return keys.next().getKeyID();
    }

    /**
     * The public key set, as served at {@code /.well-known/jwks.json}:
     * {@code {"keys":[{kty,e,n,kid,alg,use}, ...]}}, the signing key first, then the next key, then
     * the retired keys still within their grace period, newest first.
     */
    public Map<String, Object> jwks() {
        Keys now = keys;
        Instant at = clock.instant();
        List<JWK> published = new ArrayList<>();
        published.add(now.current().toPublicJWK());
        published.add(now.next().toPublicJWK());
        for (Retired retired : now.retired()) {
            if (at.isBefore(retired.droppedAt())) {
                published.add(retired.key().toPublicJWK());
            }
        }
        return new JWKSet(published).toJSONObject(true);
    }

    /**
     * Rotates: the next key (published since the last rotation) signs from now on, the signing key
     * is retired and stays published for the grace period, a new next key is generated and published.
     * Generates an RSA key, so call it off the event loop.
     */
    public synchronized Rotation rotate() {
        Keys before = keys;
        Instant now = clock.instant();
        Instant droppedAt = now.plus(grace);
        List<Retired> retired = new ArrayList<>();
        retired.add(new Retired(before.current(), droppedAt));
        for (Retired old : before.retired()) {
            if (now.isBefore(old.droppedAt())) {
                retired.add(old);
            }
        }
        RSAKey next = newKey();
        keys = new Keys(before.next(), signer(before.next()), next, List.copyOf(retired));
        return new Rotation(before.next().getKeyID(), next.getKeyID(), before.current().getKeyID(), droppedAt);
    }

    /** Mints a signed token for {@code subject} with a space-separated {@code scope}, valid for {@code lifetime}. */
    public IssuedToken mint(String subject, String scope, Duration lifetime) {
        Keys signing = keys;
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .subject(subject)
                .audience(AUDIENCE)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(signing.current().getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signing.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), scope, lifetime);
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the dev identity provider's RSA key", e);
        }
    }

    private static RSASSASigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the dev identity provider's RSA key", e);
        }
    }
}

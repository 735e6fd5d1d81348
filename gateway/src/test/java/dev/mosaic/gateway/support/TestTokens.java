package dev.mosaic.gateway.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Tokens minted in the test from a real RSA key pair whose public half WireMock serves as the JWK
 * set, plus every kind of bad token an attacker or a broken client could send.
 */
public final class TestTokens {

    public static final String ISSUER = "http://localhost:9000";
    public static final String KEY_ID = "test-key";
    /** The {@code aud} of every token minted here, and the audience the shared test gateway requires. */
    public static final String AUDIENCE = "mosaic-gateway";

    private static final RSAKey KEY = generate(KEY_ID);
    // same kid, different key: a forged signature the JWK set cannot verify
    private static final RSAKey IMPOSTOR = generate(KEY_ID);

    private TestTokens() {
    }

    /** The public JWK set to serve at the configured JWK set URI. */
    public static String jwkSetJson() {
        return new JWKSet(KEY.toPublicJWK()).toString();
    }

    public static String valid(String subject) {
        return valid(subject, "dashboard:read");
    }

    public static String valid(String subject, String scope) {
        return sign(KEY, claims(subject, scope, ISSUER, Instant.now().plus(Duration.ofHours(1))));
    }

    /** Expired well beyond the 30 s clock skew. */
    public static String expired(String subject) {
        return sign(KEY, claims(subject, "dashboard:read", ISSUER, Instant.now().minus(Duration.ofMinutes(5))));
    }

    public static String wrongIssuer(String subject) {
        return sign(KEY, claims(subject, "dashboard:read", "https://evil.example", Instant.now().plus(Duration.ofHours(1))));
    }

    public static String badSignature(String subject) {
        return sign(IMPOSTOR, claims(subject, "dashboard:read", ISSUER, Instant.now().plus(Duration.ofHours(1))));
    }

    /** An unsigned token ({@code alg: none}) with otherwise perfect claims. */
    public static String algNone(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(claims(subject, "dashboard:read dashboard:read:any", ISSUER,
                Instant.now().plus(Duration.ofHours(1))).toString().getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".";
    }

    /** Algorithm confusion: HS256 with the (public) RSA key's encoded form as the HMAC secret. */
    public static String hs256WithPublicKeyAsSecret(String subject) {
        try {
            byte[] secret = KEY.toRSAPublicKey().getEncoded();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY_ID).build(),
                    claims(subject, "dashboard:read dashboard:read:any", ISSUER, Instant.now().plus(Duration.ofHours(1))));
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A well-signed token with no {@code sub} at all. */
    public static String withoutSubject() {
        return sign(KEY, new JWTClaimsSet.Builder(claims("x", "dashboard:read dashboard:read:any", ISSUER,
                Instant.now().plus(Duration.ofHours(1)))).subject(null).build());
    }

    /** A well-signed token whose {@code sub} is blank. */
    public static String blankSubject() {
        return sign(KEY, claims(" ", "dashboard:read dashboard:read:any", ISSUER, Instant.now().plus(Duration.ofHours(1))));
    }

    /** A well-signed token for {@code audience} instead of {@value #AUDIENCE} ({@code null}: no {@code aud}). */
    public static String withAudience(String subject, String audience) {
        return sign(KEY, new JWTClaimsSet.Builder(claims(subject, "dashboard:read", ISSUER,
                Instant.now().plus(Duration.ofHours(1)))).audience(audience).build());
    }

    /** A token signed by the test key but naming key id {@code kid}, which the JWK set does not have. */
    public static String withKeyId(String subject, String kid) {
        return sign(KEY, kid, claims(subject, "dashboard:read", ISSUER, Instant.now().plus(Duration.ofHours(1))));
    }

    private static JWTClaimsSet claims(String subject, String scope, String issuer, Instant expiry) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(AUDIENCE)
                .claim("scope", scope)
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(expiry))
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        return sign(key, key.getKeyID(), claims);
    }

    private static String sign(RSAKey key, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

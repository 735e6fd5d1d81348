package dev.mosaic.composer.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.http.HttpHeaders;

/**
 * Bearer tokens for tests, as the dev identity provider issues them (RS256, issuer
 * {@value #ISSUER}, {@code sub}, {@code scope}, {@code exp}, {@code kid}), signed with an RSA key
 * generated once per JVM whose public half {@link Backends} serves as the JWK set; and the bad ones
 * a verifier must refuse.
 *
 * <pre>{@code
 * client.get().uri("/order-detail/o-1").headers(Tokens.bearer("u-42"))...
 * Tokens.token("u-1").scope("dashboard:read:any").sign();
 * Tokens.token("u-1").signedWith(Tokens.otherKey()).sign();   // a forged signature
 * }</pre>
 */
public final class Tokens {

    /** The issuer the composer expects (its default). */
    public static final String ISSUER = "http://localhost:9000";
    /** The key id of the trusted key. */
    public static final String KEY_ID = "mosaic-test-key";
    /** The scope every composition needs. */
    public static final String READ = "dashboard:read";

    private static final RSAKey KEY = generate(KEY_ID);
    /** Another key under the same key id: what a forger without the private key would sign with. */
    private static final RSAKey OTHER_KEY = generate(KEY_ID);

    private Tokens() {
    }

    /** The trusted key set, as the identity provider serves it at {@code /.well-known/jwks.json}. */
    public static String jwkSetJson() {
        return new JWKSet(KEY.toPublicJWK()).toString();
    }

    /** The trusted signing key (with its private half). */
    public static RSAKey key() {
        return KEY;
    }

    /** An RSA key the composer does not trust, under the trusted key's id. */
    public static RSAKey otherKey() {
        return OTHER_KEY;
    }

    /** A fresh RSA signing key with id {@code kid}. */
    public static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid token for {@code subject} with scope {@value #READ}, as an {@code Authorization} header setter. */
    public static Consumer<HttpHeaders> bearer(String subject) {
        return bearerToken(token(subject).sign());
    }

    /** {@code token} as an {@code Authorization: Bearer} header setter. */
    public static Consumer<HttpHeaders> bearerToken(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    /** A token for {@code subject}, valid by default (scope {@value #READ}, an hour left), to adjust and sign. */
    public static Token token(String subject) {
        return new Token(subject);
    }

    /** One token being made. */
    public static final class Token {

        private final String subject;
        private String scope = READ;
        private String issuer = ISSUER;
        private Instant expiresAt = Instant.now().plus(Duration.ofHours(1));
        private String keyId = KEY_ID;
        private RSAKey signingKey = KEY;

        private Token(String subject) {
            this.subject = subject;
        }

        /** Its scopes, space-separated; null for none. */
        public Token scope(String scopes) {
            this.scope = scopes;
            return this;
        }

        /** Its {@code iss}. */
        public Token issuer(String iss) {
            this.issuer = iss;
            return this;
        }

        /** Its {@code exp}. */
        public Token expiresAt(Instant exp) {
            this.expiresAt = exp;
            return this;
        }

        /** The {@code kid} in its header. */
        public Token keyId(String kid) {
            this.keyId = kid;
            return this;
        }

        /** The RSA key it is signed with. */
        public Token signedWith(RSAKey key) {
            this.signingKey = key;
            return this;
        }

        /** Signed RS256 with the chosen key. */
        public String sign() {
            try {
                SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.RS256), claims());
                jwt.sign(new RSASSASigner(signingKey));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /**
         * Signed HS256 with the trusted key's public modulus as the HMAC secret: the algorithm
         * confusion attack on verifiers that take the algorithm from the token.
         */
        public String signHs256() {
            try {
                SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256), claims());
                jwt.sign(new MACSigner(KEY.toRSAPublicKey().getModulus().toByteArray()));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** {@code alg: none} with an empty signature. */
        public String unsigned() {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String header = "{\"alg\":\"none\",\"kid\":\"" + keyId + "\",\"typ\":\"JWT\"}";
            return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + '.'
                    + base64.encodeToString(claims().toString().getBytes(StandardCharsets.UTF_8)) + '.';
        }

        private JWSHeader header(JWSAlgorithm algorithm) {
            JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT);
            if (keyId != null) {
                header.keyID(keyId);
            }
            return header.build();
        }

        private JWTClaimsSet claims() {
            Instant now = Instant.now();
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .issuer(issuer)
                    .subject(subject)
                    .issueTime(Date.from(now.isBefore(expiresAt) ? now : expiresAt.minusSeconds(3600)))
                    .expirationTime(Date.from(expiresAt))
                    // every token distinct, so that the composer's verified-token cache never answers for another test
                    .jwtID(UUID.randomUUID().toString());
            if (scope != null) {
                claims.claim("scope", scope);
            }
            return claims.build();
        }
    }
}

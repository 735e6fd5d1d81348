package dev.mosaic.composer.identity;

import java.text.ParseException;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mosaic.composer.resilience.TimeSource;
import reactor.core.publisher.Mono;

/**
 * Verifies the caller's bearer token in the composer itself (the gateway passes it on), so that an
 * owner check never rests on a header anyone could send: RS256 only (no {@code alg: none}, no HMAC
 * confusion), a key from the provider's JWK set, the configured issuer, and {@code exp}/{@code nbf}
 * within the clock skew. Verified tokens are remembered until they expire (one RSA verification per
 * token, not per request), as long as their key is still in the provider's set: a dropped key's
 * tokens are refused once the set is refreshed ({@code jwk-max-age}).
 */
public final class TokenVerifier {

    private record Verified(Identity identity, long expiresAtMillis, String kid) {
    }

    private final JwkKeys keys;
    private final String issuer;
    private final long skewMillis;
    private final TimeSource time;
    private final Cache<String, Verified> verified;

    public TokenVerifier(JwkKeys keys, String issuer, Duration clockSkew, long maxRemembered, TimeSource time) {
        this.keys = keys;
        this.issuer = issuer;
        this.skewMillis = clockSkew.toMillis();
        this.time = time;
        this.verified = Caffeine.newBuilder().maximumSize(maxRemembered).executor(Runnable::run).build();
    }

    /**
     * The identity in {@code token}: an {@link InvalidTokenException} when it cannot be trusted, an
     * {@link IdentityProviderUnavailableException} when its key cannot be fetched.
     */
    public Mono<Identity> verify(String token) {
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            if (time.millis() >= known.expiresAtMillis() + skewMillis) {
                verified.invalidate(token);
                return Mono.error(new InvalidTokenException("the token has expired"));
            }
            // only as good as its key: once the provider dropped it (and our copy of the set is
            // refreshed, within jwk-max-age) the remembered token goes too
            return keys.key(known.kid())
                    .map(key -> known.identity())
                    .switchIfEmpty(Mono.defer(() -> {
                        verified.invalidate(token);
                        return Mono.error(new InvalidTokenException("unknown signing key"));
                    }));
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return Mono.error(new InvalidTokenException("not a signed JWT"));
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return Mono.error(new InvalidTokenException("only RS256 tokens are accepted"));
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null) {
            return Mono.error(new InvalidTokenException("the token names no key (kid)"));
        }
        return keys.key(kid)
                .switchIfEmpty(Mono.error(() -> new InvalidTokenException("unknown signing key")))
                .map(key -> {
                    Verified result = check(jwt, new RSASSAVerifier(key), kid);
                    verified.put(token, result);
                    return result.identity();
                });
    }

    private Verified check(SignedJWT jwt, RSASSAVerifier verifier, String kid) {
        JWTClaimsSet claims;
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("bad signature");
            }
            claims = jwt.getJWTClaimsSet();
        } catch (JOSEException | ParseException e) {
            throw new InvalidTokenException("bad signature");
        }
        long now = time.millis();
        Date expiry = claims.getExpirationTime();
        if (expiry == null || now >= expiry.getTime() + skewMillis) {
            throw new InvalidTokenException("the token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now + skewMillis < notBefore.getTime()) {
            throw new InvalidTokenException("the token is not valid yet");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidTokenException("the token is from another issuer");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidTokenException("the token has no subject");
        }
        return new Verified(new Identity(subject, scopes(claims)), expiry.getTime(), kid);
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        Object scope = claims.getClaim("scope");
        if (scope instanceof String text) {
            for (String s : text.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    scopes.add(s);
                }
            }
        } else if (scope instanceof List<?> list) {
            list.forEach(s -> scopes.add(String.valueOf(s)));
        }
        Object scp = claims.getClaim("scp");
        if (scp instanceof List<?> list) {
            list.forEach(s -> scopes.add(String.valueOf(s)));
        }
        return scopes;
    }
}

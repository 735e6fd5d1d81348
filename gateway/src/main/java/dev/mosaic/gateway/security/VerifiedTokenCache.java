package dev.mosaic.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens that passed full verification for a short while, so that a client reusing its
 * token (as every client does, for up to an hour) costs one RSA verification per {@code ttl}, not one
 * per request. The RSA work dominated the gateway's CPU per proxied request in profiling.
 *
 * <p>Safe by construction: the key is the complete compact token, signature included, so only a
 * byte-identical token that already verified is served from here; a hit is still refused once the
 * token's {@code exp} (plus the clock skew) has passed; failures are never cached; the cache is
 * bounded in size and entries live at most {@code ttl}, so a key removed from the JWK set stops
 * being honoured within {@code ttl}.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Cache<String, Jwt> verified;
    private final Duration clockSkew;
    private final Clock clock;

    VerifiedTokenCache(ReactiveJwtDecoder delegate, long maxTokens, Duration ttl, Duration clockSkew, Clock clock) {
        this.delegate = delegate;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(ttl).build();
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt cached = verified.getIfPresent(token);
        if (cached != null) {
            Instant expiry = cached.getExpiresAt();
            if (expiry != null && clock.instant().isBefore(expiry.plus(clockSkew))) {
                return Mono.just(cached);
            }
            verified.invalidate(token);
            return Mono.error(new JwtValidationException("Jwt expired at " + expiry,
                    List.of(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "Jwt expired at " + expiry, null))));
        }
        return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt));
    }
}

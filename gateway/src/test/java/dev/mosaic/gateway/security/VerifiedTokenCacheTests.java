package dev.mosaic.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedTokenCacheTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicInteger verifications = new AtomicInteger();

    private ReactiveJwtDecoder delegate(Instant expiry) {
        return token -> {
            verifications.incrementAndGet();
            if (token.startsWith("bad")) {
                return Mono.error(new BadJwtException("bad signature"));
            }
            return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").subject("u-1")
                    .issuedAt(NOW.minusSeconds(60)).expiresAt(expiry).build());
        };
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aVerifiedTokenIsVerifiedOnlyOnce() {
        var cache = new VerifiedTokenCache(delegate(NOW.plusSeconds(3600)), 10, Duration.ofMinutes(1), Duration.ofSeconds(30), at(NOW), kid -> true);

        StepVerifier.create(cache.decode("t1").then(Mono.defer(() -> cache.decode("t1"))))
                .assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("u-1"))
                .expectComplete().verify(Duration.ofSeconds(5));

        assertThat(verifications).hasValue(1);
    }

    @Test
    void failuresAreNeverCached() {
        var cache = new VerifiedTokenCache(delegate(NOW.plusSeconds(3600)), 10, Duration.ofMinutes(1), Duration.ofSeconds(30), at(NOW), kid -> true);

        StepVerifier.create(cache.decode("bad").onErrorResume(e -> Mono.empty()).then(Mono.defer(() -> cache.decode("bad"))))
                .expectError(BadJwtException.class).verify(Duration.ofSeconds(5));

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aCachedTokenPastItsExpiryPlusSkewIsRefused() {
        Instant expiry = NOW.plusSeconds(10);
        MutableClock clock = new MutableClock(NOW);
        var cache = new VerifiedTokenCache(delegate(expiry), 10, Duration.ofMinutes(1), Duration.ofSeconds(30), clock, kid -> true);
        cache.decode("t1").block(Duration.ofSeconds(1));

        clock.now = expiry.plusSeconds(29);
        StepVerifier.create(cache.decode("t1")).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(5));

        clock.now = expiry.plusSeconds(31);
        StepVerifier.create(cache.decode("t1"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(JwtValidationException.class).hasMessageContaining("expired"))
                .verify(Duration.ofSeconds(5));
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aCachedTokenWhoseKeyLeftTheSetIsVerifiedAgain() {
        java.util.Set<String> trusted = new java.util.HashSet<>(java.util.Set.of("k1"));
        ReactiveJwtDecoder keyed = token -> {
            verifications.incrementAndGet();
            if (!trusted.contains("k1")) {
                return Mono.error(new BadJwtException("unknown key"));
            }
            return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").header("kid", "k1").subject("u-1")
                    .issuedAt(NOW.minusSeconds(60)).expiresAt(NOW.plusSeconds(3600)).build());
        };
        var cache = new VerifiedTokenCache(keyed, 10, Duration.ofMinutes(1), Duration.ofSeconds(30), at(NOW), trusted::contains);
        StepVerifier.create(cache.decode("t1")).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(5));

        trusted.remove("k1");

        StepVerifier.create(cache.decode("t1")).expectError(BadJwtException.class).verify(Duration.ofSeconds(5));
        assertThat(verifications).as("the cached token is verified again once its key is gone").hasValue(2);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

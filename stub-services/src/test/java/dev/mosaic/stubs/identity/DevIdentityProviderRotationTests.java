package dev.mosaic.stubs.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.Test;

/**
 * Key rotation on a clock the test moves: the next key is published before it signs anything, the
 * retired key stays published for exactly the grace period, then it is gone and its tokens no
 * longer verify against the set.
 */
class DevIdentityProviderRotationTests {

    private static final Duration GRACE = Duration.ofMinutes(10);

    /** Starts now: the tokens are verified with Nimbus's own clock for exp, the key set with this one. */
    private final MovableClock clock = new MovableClock(Instant.now());
    private final DevIdentityProvider idp = DevIdentityProvider.generate(URI.create("http://localhost:9000"), GRACE, clock);

    @Test
    void theKeySetPublishesTheNextKeyBeforeItSignsAnything() throws Exception {
        assertThat(kids(idp.jwks())).containsExactly(idp.keyId(), idp.nextKeyId());
        assertThat(idp.nextKeyId()).isNotEqualTo(idp.keyId());
        assertThat(kidOf(mint())).isEqualTo(idp.keyId());
    }

    @Test
    void afterARotationTheKeyAVerifierAlreadyHoldsSignsSoThereIsNoUnknownKid() throws Exception {
        JWKSet heldByVerifier = set(idp.jwks());
        String before = mint();
        String published = idp.nextKeyId();

        DevIdentityProvider.Rotation rotation = idp.rotate();

        String after = mint();
        assertThat(rotation.kid()).isEqualTo(published);
        assertThat(kidOf(after)).isEqualTo(published);
        verify(after, heldByVerifier);
        verify(before, heldByVerifier);
        assertThat(kids(idp.jwks())).as("signing, next, retired")
                .containsExactly(rotation.kid(), rotation.nextKid(), rotation.previousKid());
        verify(before, set(idp.jwks()));
    }

    @Test
    void theRetiredKeyIsPublishedForExactlyTheGracePeriod() throws Exception {
        String old = mint();
        DevIdentityProvider.Rotation rotation = idp.rotate();
        assertThat(rotation.previousDroppedAt()).isEqualTo(clock.instant().plus(GRACE));

        clock.advance(GRACE.minusMillis(1));
        assertThat(kids(idp.jwks())).contains(rotation.previousKid());
        verify(old, set(idp.jwks()));

        clock.advance(Duration.ofMillis(1));
        assertThat(kids(idp.jwks())).containsExactly(rotation.kid(), rotation.nextKid());
        JWKSet afterGrace = set(idp.jwks());
        assertThatThrownBy(() -> verify(old, afterGrace)).isInstanceOf(BadJOSEException.class);
        verify(mint(), afterGrace);
    }

    @Test
    void rotationsWithinTheGracePeriodKeepEveryRetiredKeyUntilItsOwnEnd() throws Exception {
        DevIdentityProvider.Rotation first = idp.rotate();
        clock.advance(Duration.ofMinutes(4));
        DevIdentityProvider.Rotation second = idp.rotate();
        assertThat(second.kid()).isEqualTo(first.nextKid());
        assertThat(second.previousKid()).isEqualTo(first.kid());
        assertThat(kids(idp.jwks())).containsExactly(second.kid(), second.nextKid(), second.previousKid(),
                first.previousKid());

        clock.advance(Duration.ofMinutes(6));
        assertThat(kids(idp.jwks())).as("the first retired key's grace is over")
                .containsExactly(second.kid(), second.nextKid(), second.previousKid());
        clock.advance(Duration.ofMinutes(4));
        assertThat(kids(idp.jwks())).containsExactly(second.kid(), second.nextKid());
    }

    @Test
    void aZeroGraceDropsTheRetiredKeyAtOnce() throws Exception {
        DevIdentityProvider strict = DevIdentityProvider.generate(URI.create("http://localhost:9000"), Duration.ZERO, clock);
        DevIdentityProvider.Rotation rotation = strict.rotate();
        assertThat(kids(strict.jwks())).containsExactly(rotation.kid(), rotation.nextKid());
    }

    @Test
    void aNegativeGraceIsRefused() {
        assertThatThrownBy(() -> DevIdentityProvider.generate(URI.create("http://localhost:9000"), Duration.ofSeconds(-1), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grace");
    }

    private String mint() {
        return idp.mint("u-42", "dashboard:read", Duration.ofHours(1)).accessToken();
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static JWKSet set(java.util.Map<String, Object> json) throws Exception {
        return JWKSet.parse(json);
    }

    private static List<String> kids(java.util.Map<String, Object> json) throws Exception {
        return set(json).getKeys().stream().map(JWK::getKeyID).toList();
    }

    private static void verify(String token, JWKSet keys) throws Exception {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        processor.process(token, null);
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

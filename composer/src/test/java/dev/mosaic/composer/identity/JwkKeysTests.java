package dev.mosaic.composer.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mosaic.composer.resilience.TimeSource;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * {@link JwkKeys} against a real key set over loopback (its own WireMock server) with a virtual
 * clock for its intervals: unknown key ids cannot turn into outbound load, a provider that is down
 * does not lock out known keys, and one that never answered makes every token unverifiable (not
 * invalid).
 */
class JwkKeysTests {

    private static final String PATH = "/.well-known/jwks.json";
    private static final Duration MIN_REFETCH = Duration.ofSeconds(30);
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static WireMockServer idp;

    private VirtualTimeScheduler clock;
    private JwkKeys keys;

    @BeforeAll
    static void startIdentityProvider() {
        idp = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        idp.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.stop();
    }

    @BeforeEach
    void freshKeys() {
        idp.resetAll();
        serve(Tokens.key());
        clock = VirtualTimeScheduler.create();
        keys = new JwkKeys(WebClient.create(), URI.create("http://127.0.0.1:" + idp.port() + PATH),
                Duration.ofSeconds(2), MAX_AGE, MIN_REFETCH, new TimeSource(clock));
    }

    @Test
    void fetchesTheSetOnceForManyConcurrentUnknownKeyIds() {
        expectNoKeys(50);

        assertThat(fetches()).as("50 unknown key ids at once: one fetch").isEqualTo(1);
    }

    @Test
    void fetchesAtMostOncePerMinimumRefetchIntervalForUnknownKeyIds() {
        expectKey(Tokens.KEY_ID, Tokens.key());
        for (int second = 3; second < MIN_REFETCH.toSeconds(); second += 3) {
            clock.advanceTimeBy(Duration.ofSeconds(3));
            expectNoKeys(10);
        }
        assertThat(fetches()).as("unknown key ids within the interval are answered from the set fetched")
                .isEqualTo(1);

        clock.advanceTimeBy(MIN_REFETCH);
        expectNoKeys(10);
        assertThat(fetches()).as("after the interval, one more fetch for all of them").isEqualTo(2);
    }

    @Test
    void answersAKnownKeyFromTheSetWithoutFetchingAgain() {
        for (int i = 0; i < 5; i++) {
            expectKey(Tokens.KEY_ID, Tokens.key());
        }

        assertThat(fetches()).isEqualTo(1);
    }

    @Test
    void findsARotatedKeyOnItsFirstUseOnceTheIntervalHasPassed() {
        expectKey(Tokens.KEY_ID, Tokens.key());
        RSAKey rotated = Tokens.generate("rotated");
        serve(Tokens.key(), rotated);
        clock.advanceTimeBy(MIN_REFETCH);

        expectKey("rotated", rotated);
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void stopsTrustingADroppedKeyOnceTheSetIsOlderThanItsMaximumAge() {
        expectKey(Tokens.KEY_ID, Tokens.key());
        serve(Tokens.generate("successor"));

        clock.advanceTimeBy(MAX_AGE.minusSeconds(1));
        expectKey(Tokens.KEY_ID, Tokens.key());
        assertThat(fetches()).as("a set younger than its maximum age is not fetched again").isEqualTo(1);
        clock.advanceTimeBy(Duration.ofSeconds(1));
        expectNoKey(Tokens.KEY_ID);
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void aMaximumAgeShorterThanTheMinimumRefetchIntervalStillBoundsHowLongADroppedKeyIsTrusted() {
        Duration shortAge = Duration.ofSeconds(3);
        keys = new JwkKeys(WebClient.create(), URI.create("http://127.0.0.1:" + idp.port() + PATH),
                Duration.ofSeconds(2), shortAge, MIN_REFETCH, new TimeSource(clock));
        expectKey(Tokens.KEY_ID, Tokens.key());
        RSAKey successor = Tokens.generate("successor");
        serve(successor);

        clock.advanceTimeBy(shortAge);
        expectNoKey(Tokens.KEY_ID);
        assertThat(fetches()).as("refreshed after maxAge, not after the 30 s interval").isEqualTo(2);

        idp.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(503)));
        clock.advanceTimeBy(shortAge);
        for (int i = 0; i < 10; i++) {
            expectKey("successor", successor);
        }
        assertThat(fetches()).as("a provider that is down: one attempt per maxAge, not one per request")
                .isEqualTo(3);
    }

    @Test
    void keepsAKnownKeyWhileTheProviderIsDown() {
        expectKey(Tokens.KEY_ID, Tokens.key());
        idp.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(503)));
        clock.advanceTimeBy(MAX_AGE);

        expectKey(Tokens.KEY_ID, Tokens.key());
        assertThat(fetches()).as("it did try").isEqualTo(2);
    }

    @Test
    void saysTheProviderIsUnavailableWhenNoSetWasEverFetched() {
        idp.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(503)));

        expectUnavailable(Tokens.KEY_ID);
        expectUnavailable(Tokens.KEY_ID);
        assertThat(fetches()).as("the second answer, within the interval, without asking again").isEqualTo(1);
    }

    @Test
    void asksAgainAfterAFailedFetchOnceTheIntervalHasPassed() {
        idp.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).willReturn(aResponse().withStatus(503)));
        expectUnavailable(Tokens.KEY_ID);
        idp.resetAll();
        serve(Tokens.key());
        clock.advanceTimeBy(MIN_REFETCH);

        expectKey(Tokens.KEY_ID, Tokens.key());
        assertThat(fetches()).isEqualTo(1);
    }

    @Test
    void saysTheProviderIsUnavailableWhenItResetsTheConnection() {
        idp.stubFor(get(urlPathEqualTo(PATH)).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        expectUnavailable(Tokens.KEY_ID);
    }

    @Test
    void saysTheProviderIsUnavailableWhenItServesSomethingElseThanAKeySet() {
        idp.stubFor(get(urlPathEqualTo(PATH)).atPriority(1).willReturn(Backends.json("<html>maintenance</html>")));

        expectUnavailable(Tokens.KEY_ID);
    }

    private void expectKey(String kid, RSAKey expected) {
        StepVerifier.create(keys.key(kid))
                .assertNext(key -> assertThat(key).as("key %s", kid).isEqualTo(publicKey(expected)))
                .expectComplete()
                .verify(WAIT);
    }

    private void expectNoKey(String kid) {
        StepVerifier.create(keys.key(kid)).expectComplete().verify(WAIT);
    }

    /** Asks for {@code n} made-up key ids at once: none exists. */
    private void expectNoKeys(int n) {
        StepVerifier.create(Flux.range(0, n).flatMap(i -> keys.key("made-up-" + i))).expectComplete().verify(WAIT);
    }

    private void expectUnavailable(String kid) {
        StepVerifier.create(keys.key(kid)).expectError(IdentityProviderUnavailableException.class).verify(WAIT);
    }

    private static void serve(RSAKey... signingKeys) {
        List<JWK> published = Arrays.stream(signingKeys).map(k -> (JWK) k.toPublicJWK()).toList();
        idp.stubFor(get(urlPathEqualTo(PATH)).atPriority(5).willReturn(Backends.json(new JWKSet(published)
                .toString())));
    }

    private static int fetches() {
        return idp.countRequestsMatching(getRequestedFor(urlPathEqualTo(PATH)).build()).getCount();
    }

    private static RSAPublicKey publicKey(RSAKey key) {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

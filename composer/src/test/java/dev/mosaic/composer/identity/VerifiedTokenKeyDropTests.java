package dev.mosaic.composer.identity;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A token the composer has verified is only as good as its key: once the provider drops the key
 * (a rotation's grace period is over) and the composer's copy of the set is older than its maximum
 * age, the remembered token is refused too, not trusted until it expires.
 */
class VerifiedTokenKeyDropTests {

    private static final String PATH = "/.well-known/jwks.json";
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static WireMockServer idp;

    private VirtualTimeScheduler clock;
    private TokenVerifier verifier;

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
    void freshVerifier() {
        idp.resetAll();
        serve(Tokens.key());
        clock = VirtualTimeScheduler.create();
        TimeSource time = new TimeSource(clock);
        JwkKeys keys = new JwkKeys(WebClient.create(), URI.create("http://127.0.0.1:" + idp.port() + PATH),
                Duration.ofSeconds(10), MAX_AGE, Duration.ofSeconds(30), time);
        verifier = new TokenVerifier(keys, Tokens.ISSUER, Duration.ofSeconds(30), 100, time);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsKeyLeftTheSet() {
        String token = Tokens.token("u-42").sign();
        expectSubject(token);
        serve(Tokens.generate("successor"));

        clock.advanceTimeBy(MAX_AGE.minusSeconds(1));
        expectSubject(token);
        assertThat(fetches()).as("remembered, and the set is young: no fetch").isEqualTo(1);

        clock.advanceTimeBy(Duration.ofSeconds(1));
        StepVerifier.create(verifier.verify(token)).expectError(InvalidTokenException.class).verify(WAIT);
        StepVerifier.create(verifier.verify(token)).expectError(InvalidTokenException.class).verify(WAIT);
        assertThat(fetches()).isEqualTo(2);
    }

    @Test
    void aRememberedTokenWhoseKeyStaysIsAcceptedAfterTheRefresh() {
        String token = Tokens.token("u-42").sign();
        expectSubject(token);
        serve(Tokens.key(), Tokens.generate("next"));

        clock.advanceTimeBy(MAX_AGE);
        expectSubject(token);
        assertThat(fetches()).isEqualTo(2);
    }

    private void expectSubject(String token) {
        StepVerifier.create(verifier.verify(token))
                .assertNext(identity -> assertThat(identity.subject()).isEqualTo("u-42"))
                .expectComplete()
                .verify(WAIT);
    }

    private static void serve(RSAKey... signingKeys) {
        List<JWK> published = Arrays.stream(signingKeys).map(k -> (JWK) k.toPublicJWK()).toList();
        idp.stubFor(get(urlPathEqualTo(PATH)).atPriority(5).willReturn(Backends.json(new JWKSet(published)
                .toString())));
    }

    private static int fetches() {
        return idp.countRequestsMatching(getRequestedFor(urlPathEqualTo(PATH)).build()).getCount();
    }
}

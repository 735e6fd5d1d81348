package dev.mosaic.gateway.security;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway's JWK source against a real HTTP server (WireMock) playing the identity provider. */
class JwkKeysTests {

    private static final String PATH = "/.well-known/jwks.json";
    private static final RSAKey FIRST = generate("first");
    private static final RSAKey SECOND = generate("second");
    private static WireMockServer idp;
    private JwkKeys keys;

    @BeforeAll
    static void startIdentityProvider() {
        idp = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(4));
        idp.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.stop();
    }

    @BeforeEach
    void reset() {
        idp.resetAll();
    }

    @AfterEach
    void close() {
        if (keys != null) {
            keys.close();
        }
    }

    @Test
    void aHundredTokensWithDistinctUnknownKeyIdsCauseAtMostOneFetch() {
        serve(FIRST);
        keys = keys(Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMinutes(1));

        List<JWK> found = Flux.range(0, 100)
                .flatMap(i -> keys.key("made-up-" + i), 100)
                .collectList()
                .block(Duration.ofSeconds(10));
        List<JWK> later = Flux.range(100, 100).concatMap(i -> keys.key("made-up-" + i)).collectList()
                .block(Duration.ofSeconds(10));

        assertThat(found).isEmpty();
        assertThat(later).isEmpty();
        idp.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aKnownKeyIsServedWithoutAnotherFetch() {
        serve(FIRST);
        keys = keys(Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMinutes(1));

        IntStream.range(0, 10).forEach(i -> assertThat(keys.key("first").block(Duration.ofSeconds(5)))
                .isNotNull().extracting(JWK::getKeyID).isEqualTo("first"));

        idp.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void aSlowIdentityProviderFailsTheLookupWithinTheTimeout() {
        idp.stubFor(get(PATH).willReturn(okForContentType("application/json", new JWKSet(FIRST.toPublicJWK()).toString())
                .withFixedDelay(5_000)));
        keys = keys(Duration.ofMillis(300), Duration.ofHours(1), Duration.ofMinutes(1));

        long start = System.nanoTime();
        StepVerifier.create(keys.key("first"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IdentityProviderUnavailableException.class))
                .verify(Duration.ofSeconds(3));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the 300 ms timeout")
                .isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void anAnswerThatIsNotAJwkSetMakesTheProviderUnavailable() {
        idp.stubFor(get(PATH).willReturn(okForContentType("text/html", "<html>maintenance</html>")));
        keys = keys(Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMinutes(1));

        StepVerifier.create(keys.key("first"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IdentityProviderUnavailableException.class))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void anEmptyAnswerMakesTheProviderUnavailable() {
        idp.stubFor(get(PATH).willReturn(aResponse().withStatus(204)));
        keys = keys(Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMinutes(1));

        StepVerifier.create(keys.key("first"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IdentityProviderUnavailableException.class))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aProviderThatIsDownMakesItUnavailableWithARetryAfterAndIsNotAskedAgainAtOnce() {
        idp.stubFor(get(PATH).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        keys = keys(Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMinutes(1));

        for (int i = 0; i < 20; i++) {
            StepVerifier.create(keys.key("first"))
                    .expectErrorSatisfies(e -> assertThat(((IdentityProviderUnavailableException) e).retryAfter())
                            .isPositive().isLessThanOrEqualTo(JwkKeys.FAILED_FETCH_BACKOFF))
                    .verify(Duration.ofSeconds(5));
        }

        idp.verify(1, getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void knownKeysStayTrustedWhileTheProviderIsDown() {
        serve(FIRST);
        keys = keys(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(0)).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> keys.trusts("first"));

        idp.stubFor(get(PATH).willReturn(aResponse().withStatus(503)));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> idp.verify(
                com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly(3), getRequestedFor(urlEqualTo(PATH))));

        assertThat(keys.trusts("first")).isTrue();
        assertThat(keys.key("first").block(Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void aKeyRemovedFromTheSetStopsBeingTrustedWithinTheRefreshInterval() {
        serve(FIRST, SECOND);
        Duration refresh = Duration.ofMillis(300);
        Duration timeout = Duration.ofMillis(500);
        keys = keys(timeout, refresh, Duration.ofMinutes(1)).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> keys.trusts("first") && keys.trusts("second"));

        serve(SECOND);
        long removed = System.nanoTime();

        await().atMost(refresh.plus(timeout).plusMillis(700)).until(() -> !keys.trusts("first"));
        assertThat(Duration.ofNanos(System.nanoTime() - removed)).isLessThan(refresh.plus(timeout).plusMillis(700));
        assertThat(keys.key("first").block(Duration.ofSeconds(5))).as("no longer served").isNull();
        assertThat(keys.trusts("second")).isTrue();
    }

    @Test
    void aTokenWithoutAKeyIdHasNoKey() throws Exception {
        serve(FIRST);
        keys = keys(Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofMinutes(1));
        var jwt = new com.nimbusds.jwt.SignedJWT(new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.RS256),
                new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("u-1").build());

        StepVerifier.create(keys.forToken(jwt)).expectComplete().verify(Duration.ofSeconds(5));
        idp.verify(0, getRequestedFor(urlEqualTo(PATH)));
    }

    private JwkKeys keys(Duration timeout, Duration refresh, Duration minRefetch) {
        HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 500).responseTimeout(timeout);
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
        return new JwkKeys(client, URI.create("http://127.0.0.1:" + idp.port() + PATH), timeout, refresh, minRefetch,
                Clock.systemUTC(), Schedulers.parallel());
    }

    private static void serve(RSAKey... served) {
        List<JWK> publicKeys = java.util.Arrays.stream(served).map(k -> (JWK) k.toPublicJWK()).toList();
        idp.stubFor(get(PATH).willReturn(okForContentType("application/json", new JWKSet(publicKeys).toString())));
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}

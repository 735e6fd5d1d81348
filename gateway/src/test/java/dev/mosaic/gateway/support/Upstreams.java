package dev.mosaic.gateway.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The gateway's upstreams for tests, started once per JVM so that every Spring context cached across
 * test classes keeps valid URLs: one WireMock plays the identity provider (JWK set), one plays the
 * composer and the three backends (their paths do not overlap). Delays are asynchronous, so a slow
 * stub never holds a Jetty thread.
 */
public final class Upstreams {

    private static final Upstreams SHARED = new Upstreams();

    private final WireMockServer identityProvider;
    private final WireMockServer backends;

    private Upstreams() {
        identityProvider = start();
        // any query string: a test context may name itself in one, to count its own fetches
        identityProvider.stubFor(get(urlPathEqualTo("/.well-known/jwks.json"))
                .willReturn(okForContentType("application/json", TestTokens.jwkSetJson())));
        backends = start();
    }

    public static Upstreams shared() {
        return SHARED;
    }

    public WireMockServer backends() {
        return backends;
    }

    public String backendsUrl() {
        return "http://127.0.0.1:" + backends.port();
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + identityProvider.port() + "/.well-known/jwks.json";
    }

    /** The JWK set URI for one test context, {@code ?context=<name>}, so that its fetches can be counted. */
    public String jwkSetUri(String context) {
        return jwkSetUri() + "?context=" + context;
    }

    public WireMockServer identityProvider() {
        return identityProvider;
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(8)
                .containerThreads(20));
        server.start();
        return server;
    }
}

package dev.mosaic.composer.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * The three backends, played by one WireMock server on a random loopback port (asynchronous
 * responses on, so that delays do not hold Jetty threads), shared by every integration test in the
 * JVM so that they can share one Spring context.
 */
public final class Backends {

    public static final String USER_JSON = """
            {"id":"u-1","name":"Ada","email":"ada@example.com","tier":"GOLD","memberSince":"2019-03-14"}""";
    public static final String ORDERS_ARRAY = """
            [{"id":"o-1","status":"SHIPPED","placedAt":"2025-11-02T17:40:03Z","total":{"amount":"129.00","currency":"EUR"},"items":[]}]""";
    public static final String ORDERS_JSON = "{\"userId\":\"u-1\",\"orders\":" + ORDERS_ARRAY + "}";
    public static final String RECOMMENDATIONS_ARRAY = """
            [{"productId":"p-1","title":"Keyboard","score":0.9,"reason":"TRENDING"}]""";
    public static final String RECOMMENDATIONS_JSON = "{\"userId\":\"u-1\",\"items\":" + RECOMMENDATIONS_ARRAY + "}";

    private static WireMockServer server;

    private Backends() {
    }

    /** The shared server, started on first use. */
    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options()
                    .bindAddress("127.0.0.1")
                    .dynamicPort()
                    .asynchronousResponseEnabled(true)
                    .asynchronousResponseThreads(16)
                    .containerThreads(32));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** Base URL of the backends. */
    public static String url() {
        return "http://127.0.0.1:" + server().port();
    }

    /** Forgets every stub and request, then serves healthy answers for any user. */
    public static void resetToHealthy() {
        WireMockServer s = server();
        s.resetAll();
        s.stubFor(get(urlPathMatching("/users/.+")).atPriority(10).willReturn(json(USER_JSON)));
        s.stubFor(get(urlPathEqualTo("/orders")).atPriority(10).willReturn(json(ORDERS_JSON)));
        s.stubFor(get(urlPathEqualTo("/recommendations")).atPriority(10).willReturn(json(RECOMMENDATIONS_JSON)));
    }

    /** A 200 JSON answer. */
    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Registers a stub ahead of the healthy defaults. */
    public static void stub(MappingBuilder mapping) {
        server().stubFor(mapping.atPriority(1));
    }
}

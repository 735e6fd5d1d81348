package dev.mosaic.composer.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The four backends (user, orders, recommendations, catalog) and the identity provider's JWK set,
 * played by one WireMock server on a random loopback port (asynchronous responses on, so that delays
 * do not hold Jetty threads), shared by every integration test in the JVM so that they can share one
 * Spring context.
 */
public final class Backends {

    private static final String[] SOURCES = { "user", "orders", "recommendations", "catalog" };

    public static final String USER_JSON = """
            {"id":"u-1","name":"Ada","email":"ada@example.com","tier":"GOLD","memberSince":"2019-03-14"}""";
    public static final String ORDERS_ARRAY = """
            [{"id":"o-1","status":"SHIPPED","placedAt":"2025-11-02T17:40:03Z","total":{"amount":"129.00","currency":"EUR"},"items":[]}]""";
    public static final String ORDERS_JSON = "{\"userId\":\"u-1\",\"orders\":" + ORDERS_ARRAY + "}";
    public static final String RECOMMENDATIONS_ARRAY = """
            [{"productId":"p-1","title":"Keyboard","score":0.9,"reason":"TRENDING"}]""";
    public static final String RECOMMENDATIONS_JSON = "{\"userId\":\"u-1\",\"items\":" + RECOMMENDATIONS_ARRAY + "}";
    public static final String PRODUCTS_JSON = products("p-1");
    /** Where the identity provider serves its key set ({@link Tokens}' public key). */
    public static final String JWKS_PATH = "/.well-known/jwks.json";

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

    /**
     * Points the composer's identity provider and every source at this server: the properties of a
     * test with a Spring context of its own ({@code @DynamicPropertySource}).
     */
    public static void registerAsEverySource(DynamicPropertyRegistry registry) {
        registry.add("mosaic.composer.security.jwk-set-uri", () -> url() + JWKS_PATH);
        for (String source : SOURCES) {
            registry.add("mosaic.composer.sources." + source + ".url", Backends::url);
        }
    }

    /** Forgets every stub and request, then serves healthy answers for any user. */
    public static void resetToHealthy() {
        WireMockServer s = server();
        s.resetAll();
        s.stubFor(get(urlPathMatching("/users/.+")).atPriority(10).willReturn(json(USER_JSON)));
        s.stubFor(get(urlPathEqualTo("/orders")).atPriority(10).willReturn(json(ORDERS_JSON)));
        s.stubFor(get(urlPathEqualTo("/recommendations")).atPriority(10).willReturn(json(RECOMMENDATIONS_JSON)));
        s.stubFor(get(urlPathEqualTo("/products")).atPriority(10).willReturn(json(PRODUCTS_JSON)));
        s.stubFor(get(urlPathEqualTo(JWKS_PATH)).atPriority(10).willReturn(json(Tokens.jwkSetJson())));
        // a balanced source's health check asks "/": a stub's 404, not WireMock's near-miss report, which
        // compares the request with every stub and took longer than a check's timeout on a cold JVM
        s.stubFor(get(urlPathEqualTo("/")).atPriority(10).willReturn(aResponse().withStatus(404)));
    }

    /**
     * One order as {@code GET /orders/{orderId}} answers it, owned by {@code userId}, with one item per
     * product id (in that order, repeats kept).
     */
    public static String order(String orderId, String userId, String... productIds) {
        StringBuilder items = new StringBuilder();
        for (String productId : productIds) {
            items.append(items.isEmpty() ? "" : ",").append("{\"productId\":\"").append(productId)
                    .append("\",\"title\":\"Title of ").append(productId)
                    .append("\",\"quantity\":1,\"unitPrice\":{\"amount\":\"10.00\",\"currency\":\"EUR\"}}");
        }
        return "{\"id\":\"" + orderId + "\",\"userId\":\"" + userId + "\",\"status\":\"SHIPPED\","
                + "\"placedAt\":\"2025-11-02T17:40:03Z\",\"total\":{\"amount\":\"30.00\",\"currency\":\"EUR\"},"
                + "\"items\":[" + items + "]}";
    }

    /** The catalog's answer to {@code GET /products?ids=...} for these ids, in order. */
    public static String products(String... productIds) {
        StringBuilder items = new StringBuilder();
        for (String productId : productIds) {
            items.append(items.isEmpty() ? "" : ",").append("{\"productId\":\"").append(productId)
                    .append("\",\"title\":\"Product ").append(productId)
                    .append("\",\"price\":{\"amount\":\"10.00\",\"currency\":\"EUR\"},\"inStock\":true}");
        }
        return "{\"items\":[" + items + "]}";
    }

    /** A user as {@code GET /users/{userId}} answers it. */
    public static String user(String userId) {
        return "{\"id\":\"" + userId + "\",\"name\":\"Ada\",\"email\":\"ada@example.com\",\"tier\":\"GOLD\","
                + "\"memberSince\":\"2019-03-14\"}";
    }

    /** Every request whose path matches {@code pathRegex}, in arrival order. */
    public static List<LoggedRequest> requests(String pathRegex) {
        return server().findAll(anyRequestedFor(urlPathMatching(pathRegex)));
    }

    /** How many requests matched {@code pathRegex}. */
    public static int count(String pathRegex) {
        return server().countRequestsMatching(anyRequestedFor(urlPathMatching(pathRegex)).build()).getCount();
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

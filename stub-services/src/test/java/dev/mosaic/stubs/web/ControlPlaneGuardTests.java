package dev.mosaic.stubs.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.stubs.RawHttp;
import dev.mosaic.stubs.RawHttp.Response;
import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import dev.mosaic.stubs.StubServicesTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A web page the developer visits cannot use the control plane: not by DNS rebinding (a foreign
 * {@code Host}), not by a cross-site form or fetch (a foreign {@code Origin} or
 * {@code Sec-Fetch-Site}, a body that is not JSON). Scripts, curl and the control plane's own
 * pages still can.
 */
@StubServicesTest
class ControlPlaneGuardTests extends StubServicesIntegrationTest {

    private static final String TOKEN = "{\"sub\":\"u-42\",\"scope\":\"dashboard:read dashboard:read:any\"}";
    private static final String JSON = "Content-Type: application/json";

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:9000", "127.0.0.1.nip.io", "localhost.evil.example",
            "10.0.0.7", "[::2]:9000"})
    void aForeignHostIsMisdirectedOnEveryPath(String host) throws Exception {
        for (String path : new String[] {"/chaos", "/.well-known/jwks.json", "/actuator/health"}) {
            assertProblem(RawHttp.send(controlPort, "GET", path, null, "Host: " + host), 421,
                    "misdirected-request", path);
        }
        assertProblem(RawHttp.send(controlPort, "POST", "/token", TOKEN, "Host: " + host, JSON), 421,
                "misdirected-request", "/token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST:9000", "[::1]", "[::1]:1234"})
    void aLoopbackHostWithAnyPortIsServed(String host) throws Exception {
        assertThat(RawHttp.send(controlPort, "GET", "/chaos", null, "Host: " + host).status()).isEqualTo(200);
        assertThat(RawHttp.send(controlPort, "POST", "/token", TOKEN, "Host: " + host, JSON).status()).isEqualTo(200);
    }

    @Test
    void aCrossSiteOriginCannotMintATokenOrChangeChaos() throws Exception {
        for (String origin : new String[] {"https://evil.example", "null", "http://localhost:5173",
                "http://127.0.0.1:" + (controlPort + 1), "https://127.0.0.1:" + controlPort}) {
            assertProblem(RawHttp.send(controlPort, "POST", "/token", TOKEN, "Origin: " + origin, JSON), 403,
                    "cross-origin-request", "/token");
            assertProblem(RawHttp.send(controlPort, "PUT", "/chaos/user", "{\"down\":true}", "Origin: " + origin, JSON),
                    403, "cross-origin-request", "/chaos/user");
            assertProblem(RawHttp.send(controlPort, "POST", "/chaos/reset", null, "Origin: " + origin), 403,
                    "cross-origin-request", "/chaos/reset");
            assertProblem(RawHttp.send(controlPort, "DELETE", "/chaos/user", null, "Origin: " + origin), 403,
                    "cross-origin-request", "/chaos/user");
        }
        assertThat(StubClient.json(client.get("/chaos/user")).get("down").booleanValue()).as("nothing changed").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross-site", "same-site", "bogus"})
    void aFetchFromAnotherSiteIsRefusedByItsFetchMetadata(String site) throws Exception {
        assertProblem(RawHttp.send(controlPort, "PUT", "/chaos/orders", "{\"latencyMs\":5}", "Sec-Fetch-Site: " + site,
                JSON), 403, "cross-origin-request", "/chaos/orders");
        assertProblem(RawHttp.send(controlPort, "POST", "/token", TOKEN, "Sec-Fetch-Site: " + site, JSON), 403,
                "cross-origin-request", "/token");
        assertThat(StubClient.json(client.get("/chaos/orders")).get("latencyMs").longValue()).isZero();
    }

    @Test
    void theControlPlanesOwnPageKeepsWorking() throws Exception {
        for (String origin : new String[] {"http://127.0.0.1:" + controlPort, "http://localhost:" + controlPort}) {
            Response changed = RawHttp.send(controlPort, "PUT", "/chaos/orders", "{\"latencyMs\":5}",
                    "Origin: " + origin, "Sec-Fetch-Site: same-origin", JSON);
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(RawHttp.send(controlPort, "POST", "/token", TOKEN, "Origin: " + origin,
                    "Sec-Fetch-Site: same-origin", JSON).status()).isEqualTo(200);
        }
        assertThat(RawHttp.send(controlPort, "GET", "/chaos", null, "Origin: https://evil.example",
                "Sec-Fetch-Site: cross-site").status()).as("reads are not state-changing").isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/xml", "*/*", "application/*", "not a type"})
    void aBodyThatIsNotJsonIsUnsupported(String contentType) throws Exception {
        assertProblem(RawHttp.send(controlPort, "POST", "/token", TOKEN, "Content-Type: " + contentType), 415,
                "unsupported-media-type", "/token");
        assertProblem(RawHttp.send(controlPort, "PUT", "/chaos/user", "{\"down\":true}", "Content-Type: " + contentType),
                415, "unsupported-media-type", "/chaos/user");
        assertThat(StubClient.json(client.get("/chaos/user")).get("down").booleanValue()).isFalse();
    }

    @Test
    void aBodyWithoutAContentTypeIsUnsupported() throws Exception {
        assertProblem(RawHttp.send(controlPort, "POST", "/token", TOKEN), 415, "unsupported-media-type", "/token");
    }

    @Test
    void scriptsWithoutBrowserHeadersKeepWorking() throws Exception {
        assertThat(RawHttp.send(controlPort, "POST", "/chaos/reset", null).status()).as("curl -X POST, no body")
                .isEqualTo(200);
        assertThat(RawHttp.send(controlPort, "DELETE", "/chaos/user", null).status()).isEqualTo(200);
        assertThat(RawHttp.send(controlPort, "POST", "/token", TOKEN, "Content-Type: application/json; charset=utf-8")
                .status()).isEqualTo(200);
        assertThat(RawHttp.send(controlPort, "PUT", "/chaos/user", "{\"latencyMs\":1}",
                "Content-Type: application/merge-patch+json").status()).isEqualTo(200);
    }

    @Test
    void everyProblemCarriesTheCallersTraceIdOrANewOne() throws Exception {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Response refused = RawHttp.send(controlPort, "GET", "/chaos", null, "Host: evil.example",
                "traceparent: " + traceparent);
        assertThat(json(refused).get("traceId").stringValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");

        Response unknownPath = RawHttp.send(controlPort, "GET", "/nothing-here", null, "traceparent: " + traceparent);
        assertProblem(unknownPath, 404, null, "/nothing-here");
        assertThat(json(unknownPath).get("traceId").stringValue()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");

        Response wrongMethod = RawHttp.send(controlPort, "PATCH", "/chaos/user", "{}", JSON);
        assertProblem(wrongMethod, 405, null, "/chaos/user");
    }

    private static void assertProblem(Response response, int status, String type, String instance) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).isEqualTo("application/problem+json");
        JsonNode problem = json(response);
        if (type != null) {
            assertThat(problem.get("type").stringValue()).isEqualTo("urn:mosaic:problem:" + type);
        }
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("detail").stringValue()).isNotBlank();
        assertThat(problem.get("instance").stringValue()).isEqualTo(instance);
        assertThat(problem.get("traceId").stringValue()).matches("[0-9a-f]{32}");
    }

    private static JsonNode json(Response response) {
        return StubClient.JSON.readTree(response.body());
    }
}

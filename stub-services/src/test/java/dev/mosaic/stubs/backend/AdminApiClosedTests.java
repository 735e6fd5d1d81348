package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.RawHttp;
import dev.mosaic.stubs.RawHttp.Response;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * WireMock's admin API is not served on the backend ports (it would hand out the journal with the
 * callers' bearer tokens, rewrite the mappings, shut a backend down): every {@code /__admin} request
 * is a 404, with the request journal kept, and the backend keeps serving.
 */
@FewThreadsStubServicesTest
class AdminApiClosedTests extends StubServicesIntegrationTest {

    @Test
    void adminRequestsAreNotFoundAndTheBackendKeepsServing() throws Exception {
        for (Backend backend : Backend.values()) {
            int port = servers.port(backend);
            assertNotFound(RawHttp.send(port, "GET", "/__admin/mappings", null));
            assertNotFound(RawHttp.send(port, "GET", "/__admin/requests", null));
            assertNotFound(RawHttp.send(port, "POST", "/__admin/mappings", "{\"request\":{\"method\":\"ANY\"},"
                    + "\"response\":{\"status\":418}}", "Content-Type: application/json"));
            assertNotFound(RawHttp.send(port, "DELETE", "/__admin/requests", null));
            assertNotFound(RawHttp.send(port, "POST", "/__admin/shutdown", null));
            assertNotFound(RawHttp.send(port, "POST", "/__admin/reset", null));
        }
        assertThat(client.backend(Backend.USER, "/users/u-42").statusCode()).isEqualTo(200);
        assertThat(client.backend(Backend.CATALOG, "/products/p-1001").statusCode()).isEqualTo(200);
        assertThat(servers.server(Backend.USER).orElseThrow().getAllServeEvents())
                .as("the journal is still kept, for the control plane to serve")
                .anySatisfy(event -> assertThat(event.getRequest().getUrl()).isEqualTo("/users/u-42"));
    }

    private static void assertNotFound(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(response.body()).doesNotContain("Authorization").doesNotContain("mappings\"");
    }
}

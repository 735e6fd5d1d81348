package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * With {@code mosaic.stubs.journal-enabled}, each backend remembers the requests it served, headers
 * included, and the control plane serves that journal at {@code /journal/{service}}.
 */
@FewThreadsStubServicesTest
class RequestJournalTests {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @LocalServerPort
    int controlPort;

    @Autowired
    BackendServers servers;

    @Test
    void journalKeepsTheHeadersOfServedRequests() throws Exception {
        StubClient client = new StubClient(controlPort, servers);
        HttpResponse<String> response = client.http().send(HttpRequest.newBuilder(
                        client.backendUri(Backend.ORDERS, "/orders?userId=u-12&limit=1"))
                .header("traceparent", TRACEPARENT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        List<ServeEvent> served = servers.server(Backend.ORDERS).orElseThrow().getAllServeEvents();
        assertThat(served).anySatisfy(event -> {
            assertThat(event.getRequest().getUrl()).isEqualTo("/orders?userId=u-12&limit=1");
            assertThat(event.getRequest().getHeader("traceparent")).isEqualTo(TRACEPARENT);
        });
    }

    @Test
    void controlPlaneServesAndClearsTheJournalOldestFirst() throws Exception {
        StubClient client = new StubClient(controlPort, servers);
        assertThat(client.control("DELETE", "/journal/recommendations", null).statusCode()).isEqualTo(200);
        for (String user : new String[] {"u-1", "u-2"}) {
            client.http().send(HttpRequest.newBuilder(client.backendUri(Backend.RECOMMENDATIONS,
                            "/recommendations?userId=" + user)).header("traceparent", TRACEPARENT)
                    .header("Authorization", "Bearer t-" + user).build(), HttpResponse.BodyHandlers.discarding());
        }

        JsonNode requests = StubClient.json(client.get("/journal/recommendations")).get("requests");
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).get("method").stringValue()).isEqualTo("GET");
        assertThat(requests.get(0).get("url").stringValue()).isEqualTo("/recommendations?userId=u-1");
        assertThat(requests.get(1).get("url").stringValue()).isEqualTo("/recommendations?userId=u-2");
        assertThat(requests.get(1).get("headers").get("traceparent").stringValue()).isEqualTo(TRACEPARENT);

        assertThat(client.control("DELETE", "/journal/recommendations", null).statusCode()).isEqualTo(200);
        assertThat(StubClient.json(client.get("/journal/recommendations")).get("requests")).isEmpty();
        assertThat(client.get("/journal/payments").statusCode()).isEqualTo(404);
    }
}

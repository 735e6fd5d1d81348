package dev.mosaic.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.mosaic.stubs.backend.BackendServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@StubServicesTest
class StubServicesApplicationTests {

    @LocalServerPort
    int controlPort;

    @Autowired
    BackendServers servers;

    @Test
    void reportsHealthyOnTheControlPlaneOnceAllBackendsListen() throws Exception {
        StubClient client = new StubClient(controlPort, servers);

        HttpResponse<String> health = client.get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(StubClient.json(health).get("status").stringValue()).isEqualTo("UP");
        for (Backend backend : Backend.values()) {
            assertThat(servers.port(backend)).as("%s port", backend).isPositive().isNotEqualTo(controlPort);
            assertThat(client.backend(backend, "/").statusCode()).as("%s answers", backend).isEqualTo(404);
        }
    }

    /**
     * Guards against reactor/reactor-netty#4361: with Reactor Netty 1.3.6, a keep-alive connection
     * stopped being read after a request that arrived while the previous (off-event-loop) response
     * was completing, and the client's next request hung. See the Reactor Netty pin in the pom.
     */
    @Test
    void keepAliveConnectionKeepsServingAlternatingAsyncAndSyncHandlers() throws Exception {
        StubClient client = new StubClient(controlPort, servers);
        HttpRequest token = HttpRequest.newBuilder(client.controlUri("/token")).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"u-1\"}")).build();
        HttpRequest chaos = HttpRequest.newBuilder(client.controlUri("/chaos")).timeout(Duration.ofSeconds(5)).build();

        for (int i = 0; i < 150; i++) {
            assertThat(client.http().send(token, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
            assertThat(client.http().send(chaos, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
    }
}

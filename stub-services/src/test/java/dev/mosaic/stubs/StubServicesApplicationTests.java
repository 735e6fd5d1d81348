package dev.mosaic.stubs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + controlPort + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        for (Backend backend : Backend.values()) {
            assertThat(servers.port(backend)).as("%s port", backend).isPositive().isNotEqualTo(controlPort);
        }
    }
}

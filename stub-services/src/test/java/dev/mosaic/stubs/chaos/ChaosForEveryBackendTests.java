package dev.mosaic.stubs.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpResponse;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import dev.mosaic.stubs.StubServicesTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The chaos API works alike for every {@link Backend}, the catalog included: nothing is wired for a
 * fixed set of services. The finer behaviour of each knob is in {@link ChaosBehaviourTests}.
 */
@StubServicesTest
class ChaosForEveryBackendTests extends StubServicesIntegrationTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void injectedErrorsCarryTheConfiguredStatusUntilCleared(Backend backend) throws Exception {
        JsonNode settings = client.chaos(backend, "{\"errorRate\":1,\"errorStatus\":502}");
        assertThat(settings.get("errorStatus").intValue()).isEqualTo(502);

        HttpResponse<String> failed = client.backend(backend, pathOf(backend));
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(failed.headers().firstValue("X-Mosaic-Chaos")).hasValue("error");
        assertThat(failed.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        assertThat(client.control("DELETE", "/chaos/" + backend.serviceName(), null).statusCode()).isEqualTo(200);
        assertThat(client.backend(backend, pathOf(backend)).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void downRefusesConnectionsUntilUpAgainOnTheSamePort(Backend backend) throws Exception {
        int port = servers.port(backend);
        client.chaos(backend, "{\"down\":true}");

        assertThatThrownBy(() -> client.backend(backend, pathOf(backend))).isInstanceOf(ConnectException.class);

        client.chaos(backend, "{\"down\":false}");
        assertThat(servers.port(backend)).isEqualTo(port);
        assertThat(client.backend(backend, pathOf(backend)).statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyServiceIsListedAndItsChangesLogged(Backend backend) {
        client.chaos(backend, "{\"latencyMs\":15,\"seed\":11}");

        JsonNode all = StubClient.json(client.get("/chaos"));
        assertThat(all.get(backend.serviceName()).get("latencyMs").longValue()).isEqualTo(15);
        assertThat(all.get(backend.serviceName()).get("seed").longValue()).isEqualTo(11);
        JsonNode events = StubClient.json(client.get("/chaos/events")).get("events");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("service").stringValue()).isEqualTo(backend.serviceName());
        assertThat(last.get("action").stringValue()).isEqualTo("UPDATE");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void servedRequestsAreCountedByService(Backend backend) throws Exception {
        double before = served(backend, "none");

        client.backend(backend, pathOf(backend));
        client.backend(backend, pathOf(backend));

        assertThat(served(backend, "none")).isEqualTo(before + 2);
    }

    private double served(Backend backend, String chaos) {
        HttpResponse<String> metrics = client.get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body().lines()
                .filter(line -> line.startsWith("mosaic_stubs_requests_total{")
                        && line.contains("chaos=\"" + chaos + "\"") && line.contains("service=\"" + backend.serviceName() + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + backend + " counter in " + metrics.body()));
    }

    /** A request each backend answers with 200 when it has no chaos. */
    private static String pathOf(Backend backend) {
        return switch (backend) {
            case USER -> "/users/u-3";
            case ORDERS -> "/orders?userId=u-3";
            case RECOMMENDATIONS -> "/recommendations?userId=u-3";
            case CATALOG -> "/products?ids=p-1001,p-1002";
        };
    }
}

package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of every backend ({@code mosaic.stubs.replicas=2}): each answers on its own port,
 * chaos can break one instance ({@code ?instance=1}) while the service-wide API still breaks all, and
 * the request counter tells them apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mosaic.stubs.user-port=0",
        "mosaic.stubs.orders-port=0",
        "mosaic.stubs.recommendations-port=0",
        "mosaic.stubs.catalog-port=0",
        "mosaic.stubs.replicas=2",
        "mosaic.stubs.journal-enabled=true",
        "mosaic.stubs.chaos.seed=7"})
class ReplicasTests extends StubServicesIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private HttpResponse<String> instance(Backend backend, int instance, String pathAndQuery) throws IOException {
        URI uri = URI.create(servers.baseUrl(backend, instance) + pathAndQuery);
        try {
            return client.http().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private double served(Backend backend, int instance) {
        return meters.find("mosaic.stubs.requests").tag("service", backend.serviceName())
                .tag("instance", Integer.toString(instance)).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void everyInstanceServesTheSameDataOnItsOwnPort() throws IOException {
        assertThat(servers.port(Backend.ORDERS, 1)).isNotEqualTo(servers.port(Backend.ORDERS, 0));

        HttpResponse<String> first = instance(Backend.ORDERS, 0, "/orders?userId=u-42&limit=2");
        HttpResponse<String> second = instance(Backend.ORDERS, 1, "/orders?userId=u-42&limit=2");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void theRequestCounterTellsInstancesApart() throws IOException {
        double before0 = served(Backend.USER, 0);
        double before1 = served(Backend.USER, 1);

        instance(Backend.USER, 1, "/users/u-1");
        instance(Backend.USER, 1, "/users/u-2");
        instance(Backend.USER, 0, "/users/u-3");

        assertThat(served(Backend.USER, 1) - before1).isEqualTo(2);
        assertThat(served(Backend.USER, 0) - before0).isEqualTo(1);
    }

    @Test
    void oneInstanceCanBeTakenDownWhileTheOtherServes() throws IOException {
        HttpResponse<String> put = client.control("PUT", "/chaos/orders?instance=1", "{\"down\":true}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        assertThatThrownBy(() -> instance(Backend.ORDERS, 1, "/orders?userId=u-1")).isInstanceOf(ConnectException.class);
        assertThat(instance(Backend.ORDERS, 0, "/orders?userId=u-1").statusCode()).isEqualTo(200);
        assertThat(StubClient.json(client.get("/chaos/orders?instance=1")).get("down").booleanValue()).isTrue();
        assertThat(StubClient.json(client.get("/chaos/orders")).get("down").booleanValue())
                .as("the service as a whole is not down").isFalse();
        JsonNode events = StubClient.json(client.get("/chaos/events")).get("events");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("instance").intValue()).isEqualTo(1);
        assertThat(last.get("service").stringValue()).isEqualTo("orders");

        HttpResponse<String> cleared = client.control("DELETE", "/chaos/orders?instance=1", null);

        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(instance(Backend.ORDERS, 1, "/orders?userId=u-1").statusCode()).isEqualTo(200);
    }

    @Test
    void errorsOnOneInstanceLeaveTheOtherAlone() throws IOException {
        client.control("PUT", "/chaos/user?instance=0", "{\"errorRate\":1.0,\"errorStatus\":503}");

        assertThat(instance(Backend.USER, 0, "/users/u-1").statusCode()).isEqualTo(503);
        assertThat(instance(Backend.USER, 1, "/users/u-1").statusCode()).isEqualTo(200);
    }

    @Test
    void theServiceWideApiAppliesToEveryInstanceAndClearsTheirOwnSettings() throws IOException {
        client.control("PUT", "/chaos/recommendations?instance=1", "{\"errorRate\":1.0}");
        client.chaos(Backend.RECOMMENDATIONS, "{\"down\":true}");
        assertThatThrownBy(() -> instance(Backend.RECOMMENDATIONS, 0, "/recommendations?userId=u-1"))
                .isInstanceOf(ConnectException.class);
        assertThat(instance(Backend.RECOMMENDATIONS, 1, "/recommendations?userId=u-1").statusCode())
                .as("an instance with settings of its own keeps them").isEqualTo(503);

        client.control("DELETE", "/chaos/recommendations", null);

        assertThat(instance(Backend.RECOMMENDATIONS, 0, "/recommendations?userId=u-1").statusCode()).isEqualTo(200);
        assertThat(instance(Backend.RECOMMENDATIONS, 1, "/recommendations?userId=u-1").statusCode()).isEqualTo(200);
    }

    @Test
    void eachInstanceHasItsOwnJournal() throws IOException {
        client.control("DELETE", "/journal/catalog?instance=1", null);
        instance(Backend.CATALOG, 1, "/products/p-1001");

        JsonNode journal = StubClient.json(client.get("/journal/catalog?instance=1")).get("requests");

        assertThat(journal).hasSize(1);
        assertThat(journal.get(0).get("url").stringValue()).isEqualTo("/products/p-1001");
    }

    @Test
    void anUnknownInstanceIsA404Problem() {
        HttpResponse<String> response = client.control("PUT", "/chaos/orders?instance=2", "{\"down\":true}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(StubClient.json(response).get("detail").stringValue()).contains("instances are 0..1");
        assertThat(client.get("/chaos/orders?instance=x").statusCode()).isEqualTo(404);
    }
}

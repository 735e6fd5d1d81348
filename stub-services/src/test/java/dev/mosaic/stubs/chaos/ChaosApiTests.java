package dev.mosaic.stubs.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import dev.mosaic.stubs.StubServicesTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

@StubServicesTest
class ChaosApiTests extends StubServicesIntegrationTest {

    @Test
    void listsQuietSettingsForEveryServiceAfterReset() {
        JsonNode all = StubClient.json(client.get("/chaos"));

        assertThat(all.propertyNames()).containsExactly("user", "orders", "recommendations", "catalog");
        JsonNode user = all.get("user");
        assertThat(user.get("latencyMs").longValue()).isZero();
        assertThat(user.get("errorRate").doubleValue()).isZero();
        assertThat(user.get("fault").isNull()).isTrue();
        assertThat(user.get("down").booleanValue()).isFalse();
        assertThat(user.get("distribution").stringValue()).isEqualTo("uniform");
        assertThat(user.get("seed").longValue()).as("configured seed").isEqualTo(7);
    }

    @Test
    void putMergesTheGivenFieldsIntoTheCurrentSettings() {
        client.chaos(Backend.ORDERS, "{\"latencyMs\":120,\"jitterMs\":30}");
        JsonNode merged = client.chaos(Backend.ORDERS, "{\"errorRate\":0.5,\"errorStatus\":502,\"fault\":\"empty_response\"}");

        assertThat(merged.get("latencyMs").longValue()).isEqualTo(120);
        assertThat(merged.get("jitterMs").longValue()).isEqualTo(30);
        assertThat(merged.get("errorRate").doubleValue()).isEqualTo(0.5);
        assertThat(merged.get("errorStatus").intValue()).isEqualTo(502);
        assertThat(merged.get("fault").stringValue()).isEqualTo("EMPTY_RESPONSE");
        assertThat(StubClient.json(client.get("/chaos/orders"))).isEqualTo(merged);
        assertThat(StubClient.json(client.get("/chaos")).get("user").get("latencyMs").longValue())
                .as("other services untouched").isZero();
    }

    @Test
    void stragglersAreSetLikeAnyOtherField() {
        JsonNode settings = client.chaos(Backend.ORDERS, "{\"slowRate\":0.02,\"slowMs\":600}");

        assertThat(settings.get("slowRate").doubleValue()).isEqualTo(0.02);
        assertThat(settings.get("slowMs").longValue()).isEqualTo(600);
        assertThat(StubClient.json(client.get("/chaos")).get("user").get("slowRate").doubleValue()).isZero();
    }

    @Test
    void nullPutsAFieldBackToItsDefault() {
        client.chaos(Backend.USER, "{\"latencyMs\":120,\"fault\":\"EMPTY_RESPONSE\",\"distribution\":\"fixed\"}");
        JsonNode settings = client.chaos(Backend.USER, "{\"latencyMs\":null,\"fault\":null,\"distribution\":null}");

        assertThat(settings.get("latencyMs").longValue()).isZero();
        assertThat(settings.get("fault").isNull()).isTrue();
        assertThat(settings.get("distribution").stringValue()).isEqualTo("uniform");
    }

    @Test
    void deleteClearsOneServiceAndResetClearsAll() {
        client.chaos(Backend.USER, "{\"latencyMs\":50}");
        client.chaos(Backend.RECOMMENDATIONS, "{\"errorRate\":1}");

        HttpResponse<String> cleared = client.control("DELETE", "/chaos/user", null);
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(StubClient.json(cleared).get("latencyMs").longValue()).isZero();
        assertThat(StubClient.json(client.get("/chaos/recommendations")).get("errorRate").doubleValue()).isEqualTo(1.0);

        HttpResponse<String> reset = client.control("POST", "/chaos/reset", null);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(StubClient.json(reset).get("recommendations").get("errorRate").doubleValue()).isZero();
    }

    @Test
    void eventsLogEveryChangeInOrderWithTimestamps() {
        long before = lastSequence();
        Instant start = Instant.now();
        client.chaos(Backend.USER, "{\"latencyMs\":10}");
        client.control("DELETE", "/chaos/orders", null);

        JsonNode events = StubClient.json(client.get("/chaos/events")).get("events");
        JsonNode update = events.get(events.size() - 2);
        JsonNode clear = events.get(events.size() - 1);
        assertThat(update.get("sequence").longValue()).isEqualTo(before + 1);
        assertThat(update.get("service").stringValue()).isEqualTo("user");
        assertThat(update.get("action").stringValue()).isEqualTo("UPDATE");
        assertThat(update.get("settings").get("latencyMs").longValue()).isEqualTo(10);
        assertThat(Instant.parse(update.get("at").stringValue())).isAfterOrEqualTo(start.minusSeconds(1));
        assertThat(clear.get("sequence").longValue()).isEqualTo(before + 2);
        assertThat(clear.get("service").stringValue()).isEqualTo("orders");
        assertThat(clear.get("action").stringValue()).isEqualTo("CLEAR");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"errorRate\":1.5}", "{\"errorRate\":-0.1}", "{\"faultRate\":2}", "{\"latencyMs\":-1}",
            "{\"jitterMs\":-5}", "{\"dribbleMs\":-1}", "{\"latencyMs\":60001}", "{\"latencyMs\":1.5}",
            "{\"latencyMs\":\"200\"}", "{\"errorStatus\":200}", "{\"errorStatus\":600}", "{\"errorStatus\":\"503\"}",
            "{\"distribution\":\"gaussian\"}", "{\"fault\":\"SLOW_DEATH\"}", "{\"fault\":1}", "{\"down\":\"yes\"}",
            "{\"latency\":200}", "{\"latencyMs\":100,\"bogus\":true}", "{\"latencyMs\":100,\"errorRate\":7}",
            "{\"latencyMs\":", "not json", "[1,2]", "\"text\"", "{\"latencyMs\":1} {}", "",
            "{\"latencyMs\":1,\"latencyMs\":2}", "{\"seed\":\"42\"}", "{\"seed\":4.2}",
            "{\"slowRate\":1.5}", "{\"slowRate\":\"2%\"}", "{\"slowMs\":-1}", "{\"slowMs\":60001}"})
    void invalidChangeIsABadRequestAndChangesNothing(String body) {
        client.chaos(Backend.USER, "{\"latencyMs\":25,\"errorRate\":0.1}");
        JsonNode before = StubClient.json(client.get("/chaos"));
        long eventsBefore = lastSequence();

        HttpResponse<String> response = client.control("PUT", "/chaos/user", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertProblem(response, 400, "/chaos/user");
        assertThat(StubClient.json(client.get("/chaos"))).isEqualTo(before);
        assertThat(lastSequence()).as("no event for a refused change").isEqualTo(eventsBefore);
    }

    @Test
    void unknownServiceIsNotFound() {
        assertProblem(client.control("PUT", "/chaos/payments", "{\"latencyMs\":1}"), 404, "/chaos/payments");
        assertProblem(client.get("/chaos/payments"), 404, "/chaos/payments");
        assertProblem(client.control("DELETE", "/chaos/payments", null), 404, "/chaos/payments");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String instance) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = StubClient.json(response);
        assertThat(problem.get("type").stringValue()).startsWith("urn:mosaic:problem:");
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("detail").stringValue()).isNotBlank();
        assertThat(problem.get("instance").stringValue()).isEqualTo(instance);
        assertThat(problem.get("traceId").stringValue()).matches("[0-9a-f]{32}");
    }

    private long lastSequence() {
        JsonNode events = StubClient.json(client.get("/chaos/events")).get("events");
        return events.isEmpty() ? 0 : events.get(events.size() - 1).get("sequence").longValue();
    }
}

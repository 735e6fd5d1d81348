package dev.mosaic.systemtests.compositions;

import java.net.http.HttpResponse;
import java.util.List;

import dev.mosaic.systemtests.stack.Backend;
import dev.mosaic.systemtests.stack.Http;
import dev.mosaic.systemtests.stack.MosaicStack;
import dev.mosaic.systemtests.stack.MosaicStackExtension;
import dev.mosaic.systemtests.stack.StubControlPlane;
import dev.mosaic.systemtests.stack.StubControlPlane.ReceivedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compositions on the real system: the shipped {@code order-detail}, whose owner is a field of its
 * first section, seen only by its owner whether asked through the gateway or straight at the
 * composer; and a team's own composition ({@code src/test/resources/user-compositions/profile.yaml},
 * not shipped) served through the gateway from a directory, with a dependent section.
 */
@ExtendWith(MosaicStackExtension.class)
class CompositionsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MosaicStack stack;
    private final StubControlPlane stubs;

    CompositionsIT(MosaicStack stack) {
        this.stack = stack;
        this.stubs = stack.stubs();
    }

    @BeforeEach
    void warmAndClearJournals() {
        stack.awaitWarm();
        stubs.resetChaos();
        for (Backend backend : Backend.values()) {
            stubs.clearJournal(backend);
        }
    }

    /** The newest order of {@code user}, as the order service lists it. */
    private String newestOrderOf(String user) {
        JsonNode orders = JSON.readTree(Http.getOk(stack.backendUrl(Backend.ORDERS) + "/orders?userId=" + user
                + "&limit=1"));
        String id = orders.path("orders").path(0).path("id").asString();
        assertThat(id).as("%s has an order", user).isNotBlank();
        return id;
    }

    private HttpResponse<String> get(String url, String token) {
        var request = Http.get(url);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(request);
    }

    @Test
    void anOrderIsShownToItsOwnerThroughTheGateway() {
        String order = newestOrderOf("u-2");

        HttpResponse<String> response = get(stack.gatewayUrl() + "/api/order-detail/" + order,
                stubs.token("u-2", "dashboard:read"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Composition")).hasValue("order-detail");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("orderId").asString()).isEqualTo(order);
        assertThat(body.path("order").path("userId").asString()).isEqualTo("u-2");
        assertThat(body.path("user").path("id").asString()).isEqualTo("u-2");
        assertThat(body.path("products").isArray()).isTrue();
        assertThat(body.path("products").size()).isPositive();
        assertThat(body.path("meta").path("complete").asBoolean()).isTrue();
    }

    @Test
    void anotherUserNeverSeesTheOrderThroughTheGateway() {
        String order = newestOrderOf("u-2");

        HttpResponse<String> response = get(stack.gatewayUrl() + "/api/order-detail/" + order,
                stubs.token("u-1", "dashboard:read"));

        assertNotFoundWithoutData(response);
        assertNoDependentCall();
    }

    @Test
    void anotherUserNeverSeesTheOrderStraightAtTheComposer() {
        String order = newestOrderOf("u-2");
        String url = stack.composerUrl() + "/order-detail/" + order;

        assertNotFoundWithoutData(get(url, stubs.token("u-1", "dashboard:read")));
        assertNoDependentCall();
        assertThat(get(url, stubs.token("u-2", "dashboard:read")).statusCode()).isEqualTo(200);
        assertThat(get(url, null).statusCode()).as("no token, no order").isEqualTo(401);
        HttpResponse<String> forged = Http.send(Http.get(url).header("X-User-Id", "u-2").header("X-Subject", "u-2"));
        assertThat(forged.statusCode()).as("a header anyone can send proves nothing").isEqualTo(401);
        HttpResponse<String> readAny = get(url, stubs.token("ops", "compositions:read:any"));
        assertThat(readAny.statusCode()).as("a read-any token may read it").isEqualTo(200);
    }

    private static void assertNotFoundWithoutData(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).as("nothing of u-2 or the order's products").doesNotContain("u-2")
                .doesNotContain("p-1").doesNotContain("productId").doesNotContain("\"total\"");
    }

    private void assertNoDependentCall() {
        assertThat(stubs.journal(Backend.USER)).as("the owner's profile was not fetched").isEmpty();
        assertThat(stubs.journal(Backend.CATALOG)).as("the order's products were not fetched").isEmpty();
    }

    @Test
    void aTeamsOwnCompositionFileIsServedThroughTheGateway() {
        HttpResponse<String> response = get(stack.gatewayUrl() + "/api/profile/u-42",
                stubs.token("u-42", "dashboard:read"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Composition")).hasValue("profile");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("userId").asString()).isEqualTo("u-42");
        assertThat(body.path("user").path("id").asString()).isEqualTo("u-42");
        assertThat(body.path("meta").path("sections").path("prices").path("status").asString()).isEqualTo("OK");

        List<String> orders = stubs.journal(Backend.ORDERS).stream().map(ReceivedRequest::url).toList();
        assertThat(orders).as("the dependent call carries the value the user section returned")
                .containsExactly("/orders?userId=u-42&limit=1");
        List<String> picks = new java.util.ArrayList<>();
        body.path("picks").forEach(pick -> picks.add(pick.path("productId").asString()));
        assertThat(picks).isNotEmpty();
        List<String> catalog = stubs.journal(Backend.CATALOG).stream().map(ReceivedRequest::url).toList();
        assertThat(catalog).as("one batch call for every pick").containsExactly("/products?ids="
                + String.join(",", picks.stream().distinct().toList()));
    }

    @Test
    void aTeamsOwnCompositionKeepsItsOwnerCheck() {
        HttpResponse<String> response = get(stack.gatewayUrl() + "/api/profile/u-42",
                stubs.token("u-1", "dashboard:read"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(stubs.journal(Backend.USER)).as("refused before any backend call").isEmpty();
    }
}

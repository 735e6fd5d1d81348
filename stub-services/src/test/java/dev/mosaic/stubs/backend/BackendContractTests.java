package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import dev.mosaic.stubs.StubServicesTest;
import dev.mosaic.stubs.data.SeededUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

@StubServicesTest
class BackendContractTests extends StubServicesIntegrationTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 42, 777, 1000})
    void userServiceAnswersTheProfileOfASeededUser(int n) throws Exception {
        HttpResponse<String> response = client.backend(Backend.USER, "/users/u-" + n);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode user = StubClient.json(response);
        assertThat(user.propertyNames()).containsExactly("id", "name", "email", "tier", "memberSince");
        assertThat(user.get("id").stringValue()).isEqualTo("u-" + n);
        assertThat(user.get("memberSince").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}");
        // The wire content is the generator's content: same id, same data, in any instance.
        assertThat(user.get("name").stringValue()).isEqualTo(new SeededUsers().user(n).name());
    }

    @Test
    void sameUserGetsByteIdenticalAnswersEveryTime() throws Exception {
        String first = client.backend(Backend.ORDERS, "/orders?userId=u-9").body();
        String second = client.backend(Backend.ORDERS, "/orders?userId=u-9").body();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void orderServiceAnswersOrdersNewestFirstWithTotalsAndItems() throws Exception {
        int n = userWithAtLeastOrders(5);
        JsonNode body = StubClient.json(client.backend(Backend.ORDERS, "/orders?userId=u-" + n));

        assertThat(body.get("userId").stringValue()).isEqualTo("u-" + n);
        JsonNode orders = body.get("orders");
        assertThat(orders.size()).isEqualTo(new SeededUsers().orders(n).size());
        List<Instant> placed = new ArrayList<>();
        for (JsonNode order : orders) {
            assertThat(order.propertyNames()).containsExactly("id", "status", "placedAt", "total", "items");
            assertThat(order.get("total").get("amount").isNumber()).isTrue();
            assertThat(order.get("total").get("currency").stringValue()).matches("[A-Z]{3}");
            assertThat(order.get("items").size()).isPositive();
            placed.add(Instant.parse(order.get("placedAt").stringValue()));
        }
        assertThat(placed).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void limitCutsTheNewestOrdersAndTheBestRecommendations() throws Exception {
        int n = userWithAtLeastOrders(5);
        JsonNode all = StubClient.json(client.backend(Backend.ORDERS, "/orders?userId=u-" + n)).get("orders");
        JsonNode three = StubClient.json(client.backend(Backend.ORDERS, "/orders?userId=u-" + n + "&limit=3")).get("orders");
        JsonNode recommendations = StubClient.json(
                client.backend(Backend.RECOMMENDATIONS, "/recommendations?limit=4&userId=u-" + n)).get("items");

        assertThat(three.size()).isEqualTo(3);
        assertThat(three.get(0)).isEqualTo(all.get(0));
        assertThat(three.get(2)).isEqualTo(all.get(2));
        assertThat(recommendations.size()).isEqualTo(4);
        assertThat(recommendations.get(0).get("score").doubleValue())
                .isGreaterThanOrEqualTo(recommendations.get(3).get("score").doubleValue());
    }

    @Test
    void recommendationServiceAnswersTenScoredItemsByDefault() throws Exception {
        JsonNode body = StubClient.json(client.backend(Backend.RECOMMENDATIONS, "/recommendations?userId=u-5"));

        assertThat(body.get("userId").stringValue()).isEqualTo("u-5");
        assertThat(body.get("items").size()).isEqualTo(10);
        assertThat(body.get("items").get(0).propertyNames()).containsExactly("productId", "title", "score", "reason");
    }

    @Test
    void unknownUserIsNotFoundOnEveryBackend() throws Exception {
        BackendProblems.assertProblem(client.backend(Backend.USER, "/users/u-1001"), 404);
        BackendProblems.assertProblem(client.backend(Backend.ORDERS, "/orders?userId=u-0"), 404);
        BackendProblems.assertProblem(client.backend(Backend.RECOMMENDATIONS, "/recommendations?userId=nobody"), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/users/u.1", "/users/u%201",
            "/users/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void invalidUserIdIsABadRequest(String path) throws Exception {
        BackendProblems.assertProblem(client.backend(Backend.USER, path), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?limit=5", "?userId=", "?userId=u-1&userId=u-2", "?userId=u!1",
            "?userId=u-1&limit=0", "?userId=u-1&limit=101", "?userId=u-1&limit=-1", "?userId=u-1&limit=ten",
            "?userId=u-1&limit=2.5"})
    void missingOrInvalidQueryIsABadRequest(String query) throws Exception {
        BackendProblems.assertProblem(client.backend(Backend.ORDERS, "/orders" + query), 400);
        BackendProblems.assertProblem(client.backend(Backend.RECOMMENDATIONS, "/recommendations" + query), 400);
    }

    @Test
    void otherPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        BackendProblems.assertProblem(client.backend(Backend.USER, "/orders?userId=u-1"), 404);
        BackendProblems.assertProblem(client.backend(Backend.USER, "/users/u-1/orders"), 404);
        HttpResponse<String> post = client.http().send(HttpRequest.newBuilder(
                        client.backendUri(Backend.ORDERS, "/orders?userId=u-1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        BackendProblems.assertProblem(post, 405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    private static int userWithAtLeastOrders(int count) {
        SeededUsers users = new SeededUsers();
        for (int n = 1; n <= SeededUsers.COUNT; n++) {
            if (users.orders(n).size() >= count) {
                return n;
            }
        }
        throw new AssertionError("no user with " + count + " orders");
    }
}

package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import dev.mosaic.stubs.StubServicesTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /orders/{orderId}} on the order service: the list's orders one by one, with their owner. */
@StubServicesTest
class OrderByIdTests extends StubServicesIntegrationTest {

    /** Users with 1, 2, 12 (two-digit sequences), 9 and 8 orders. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 11, 17, 42})
    void singleOrderIsTheListedOrderWithItsOwnersUserId(int n) throws Exception {
        JsonNode listed = StubClient.json(client.backend(Backend.ORDERS, "/orders?userId=u-" + n)).get("orders");
        assertThat(listed.isEmpty()).as("u-%d has orders", n).isFalse();

        for (JsonNode order : listed) {
            HttpResponse<String> response = client.backend(Backend.ORDERS, "/orders/" + order.get("id").stringValue());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode single = StubClient.json(response);
            assertThat(single.propertyNames()).containsExactly("id", "userId", "status", "placedAt", "total", "items");
            assertThat(single.get("userId").stringValue()).isEqualTo("u-" + n);
            ObjectNode withoutOwner = (ObjectNode) single.deepCopy();
            withoutOwner.remove("userId");
            assertThat(withoutOwner).as("the order as the list shows it").isEqualTo(order);
        }
    }

    @Test
    void singleOrderItemsCarryProductTitleQuantityAndUnitPrice() throws Exception {
        JsonNode order = StubClient.json(client.backend(Backend.ORDERS, "/orders/" + someOrderId()));

        assertThat(order.get("items").isEmpty()).isFalse();
        for (JsonNode item : order.get("items")) {
            assertThat(item.propertyNames()).containsExactly("productId", "title", "quantity", "unitPrice");
            assertThat(item.get("unitPrice").propertyNames()).containsExactly("amount", "currency");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"o-1-99", "o-42-00", "o-1001-01", "o-0-01", "o-42-1", "o-042-01", "x-1", "u-42"})
    void idThatNamesNoOrderIsNotFound(String orderId) throws Exception {
        BackendProblems.assertProblem(client.backend(Backend.ORDERS, "/orders/" + orderId), 404);
    }

    @Test
    void sequencePastTheUsersLastOrderIsNotFound() throws Exception {
        JsonNode listed = StubClient.json(client.backend(Backend.ORDERS, "/orders?userId=u-42")).get("orders");

        BackendProblems.assertProblem(client.backend(Backend.ORDERS,
                String.format("/orders/o-42-%02d", listed.size() + 1)), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/orders/o.1.01", "/orders/o-1%2001", "/orders/"})
    void malformedOrderIdIsABadRequest(String path) throws Exception {
        BackendProblems.assertProblem(client.backend(Backend.ORDERS, path), 400);
    }

    @Test
    void pathsBelowAnOrderAreNotFound() throws Exception {
        BackendProblems.assertProblem(client.backend(Backend.ORDERS, "/orders/" + someOrderId() + "/items"), 404);
    }

    /** The newest order of u-17 (who has 9), as the list names it. */
    private String someOrderId() throws Exception {
        JsonNode listed = StubClient.json(client.backend(Backend.ORDERS, "/orders?userId=u-17")).get("orders");
        assertThat(listed.isEmpty()).as("u-17 has orders").isFalse();
        return listed.get(0).get("id").stringValue();
    }
}

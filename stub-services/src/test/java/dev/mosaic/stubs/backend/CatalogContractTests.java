package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import dev.mosaic.stubs.StubServicesTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The catalog backend of the SPEC ({@code GET /products?ids=..}, {@code GET /products/{productId}}), over loopback. */
@StubServicesTest
class CatalogContractTests extends StubServicesIntegrationTest {

    @Test
    void batchAnswersTheProductsInTheOrderAsked() throws Exception {
        HttpResponse<String> response = client.backend(Backend.CATALOG, "/products?ids=p-1200,p-1003,p-1150");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = StubClient.json(response);
        assertThat(body.propertyNames()).containsExactly("items");
        assertThat(productIds(body)).containsExactly("p-1200", "p-1003", "p-1150");
        JsonNode product = body.get("items").get(0);
        assertThat(product.propertyNames()).containsExactly("productId", "title", "price", "inStock");
        assertThat(product.get("price").propertyNames()).containsExactly("amount", "currency");
        assertThat(product.get("price").get("amount").isNumber()).isTrue();
        assertThat(product.get("inStock").isBoolean()).isTrue();
    }

    @Test
    void batchLeavesUnknownIdsOut() throws Exception {
        JsonNode body = StubClient.json(client.backend(Backend.CATALOG, "/products?ids=p-9999,p-1001,nothing,p-1399,p-0999"));

        assertThat(productIds(body)).containsExactly("p-1001", "p-1399");
    }

    @Test
    void batchOfOnlyUnknownIdsIsAnEmptyList() throws Exception {
        HttpResponse<String> response = client.backend(Backend.CATALOG, "/products?ids=p-9999");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(StubClient.json(response).get("items").isEmpty()).isTrue();
    }

    @Test
    void batchAnswersARepeatedIdOnceWhereItFirstAppears() throws Exception {
        JsonNode body = StubClient.json(client.backend(Backend.CATALOG, "/products?ids=p-1005,p-1002,p-1005,p-1002"));

        assertThat(productIds(body)).containsExactly("p-1005", "p-1002");
    }

    @Test
    void batchAcceptsAnEncodedComma() throws Exception {
        JsonNode body = StubClient.json(client.backend(Backend.CATALOG, "/products?ids=p-1010%2Cp-1011"));

        assertThat(productIds(body)).containsExactly("p-1010", "p-1011");
    }

    @Test
    void batchTakesFiftyIds() throws Exception {
        String ids = IntStream.range(1000, 1050).mapToObj(i -> "p-" + i).collect(Collectors.joining(","));

        HttpResponse<String> response = client.backend(Backend.CATALOG, "/products?ids=" + ids);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(StubClient.json(response).get("items").size()).isEqualTo(50);
    }

    @Test
    void batchOfFiftyOneIdsIsABadRequest() throws Exception {
        String ids = IntStream.range(1000, 1051).mapToObj(i -> "p-" + i).collect(Collectors.joining(","));

        BackendProblems.assertProblem(client.backend(Backend.CATALOG, "/products?ids=" + ids), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?ids=", "?ids=,", "?ids=p-1001,", "?ids=,p-1001", "?ids=p-1001,,p-1002",
            "?ids=p-1001&ids=p-1002", "?ids=p.1001", "?ids=p-1001,p%201002", "?productIds=p-1001"})
    void missingEmptyOrMalformedIdsAreABadRequest(String query) throws Exception {
        BackendProblems.assertProblem(client.backend(Backend.CATALOG, "/products" + query), 400);
    }

    @Test
    void singleProductIsTheSameObjectTheBatchAnswers() throws Exception {
        HttpResponse<String> response = client.backend(Backend.CATALOG, "/products/p-1234");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode product = StubClient.json(response);
        assertThat(product.get("productId").stringValue()).isEqualTo("p-1234");
        assertThat(product).isEqualTo(
                StubClient.json(client.backend(Backend.CATALOG, "/products?ids=p-1234")).get("items").get(0));
    }

    @Test
    void unknownProductIsNotFoundAndAMalformedIdABadRequest() throws Exception {
        BackendProblems.assertProblem(client.backend(Backend.CATALOG, "/products/p-1400"), 404);
        BackendProblems.assertProblem(client.backend(Backend.CATALOG, "/products/p.1001"), 400);
    }

    @Test
    void popularFallbackProductsOfTheComposerAreInTheCatalog() throws Exception {
        JsonNode body = StubClient.json(client.backend(Backend.CATALOG, "/products?ids=p-1001,p-1002,p-1003"));

        assertThat(productIds(body)).containsExactly("p-1001", "p-1002", "p-1003");
    }

    @Test
    void otherPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        BackendProblems.assertProblem(client.backend(Backend.CATALOG, "/users/u-1"), 404);
        BackendProblems.assertProblem(client.backend(Backend.CATALOG, "/products/p-1001/reviews"), 404);
        HttpResponse<String> delete = client.http().send(HttpRequest.newBuilder(
                        client.backendUri(Backend.CATALOG, "/products/p-1001")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        BackendProblems.assertProblem(delete, 405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
    }

    private static List<String> productIds(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("items").forEach(item -> ids.add(item.get("productId").stringValue()));
        return ids;
    }
}

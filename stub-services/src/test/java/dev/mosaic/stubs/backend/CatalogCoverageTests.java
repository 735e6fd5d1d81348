package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import dev.mosaic.stubs.StubServicesTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a composition joining orders or recommendations with the catalog relies on: every product that
 * u-1 … u-50's orders and recommendations name is in the catalog, under the title they show.
 */
@StubServicesTest
class CatalogCoverageTests extends StubServicesIntegrationTest {

    private static final int USERS = 50;

    @Test
    void everyProductNamedByAnOrderOrARecommendationIsInTheCatalogWithTheSameTitle() throws Exception {
        Map<String, String> named = new LinkedHashMap<>();
        for (int n = 1; n <= USERS; n++) {
            for (JsonNode order : StubClient.json(client.backend(Backend.ORDERS, "/orders?userId=u-" + n)).get("orders")) {
                order.get("items").forEach(item -> named.put(item.get("productId").stringValue(), item.get("title").stringValue()));
            }
            StubClient.json(client.backend(Backend.RECOMMENDATIONS, "/recommendations?userId=u-" + n)).get("items")
                    .forEach(item -> named.put(item.get("productId").stringValue(), item.get("title").stringValue()));
        }

        Map<String, String> catalog = catalogTitles(List.copyOf(named.keySet()));

        assertThat(named).as("products named by u-1 … u-%d", USERS).hasSizeGreaterThan(100);
        assertThat(catalog).as("catalog titles of the named products").isEqualTo(named);
    }

    private Map<String, String> catalogTitles(List<String> ids) throws Exception {
        Map<String, String> titles = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += ProductIds.MAX_IDS) {
            List<String> batch = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + ProductIds.MAX_IDS)));
            StubClient.json(client.backend(Backend.CATALOG, "/products?ids=" + String.join(",", batch))).get("items")
                    .forEach(item -> titles.put(item.get("productId").stringValue(), item.get("title").stringValue()));
        }
        return titles;
    }
}

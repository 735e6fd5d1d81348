package dev.mosaic.stubs.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ProductCatalogTests {

    private final SeededUsers users = new SeededUsers();
    private final ProductCatalog catalog = users.catalog();

    @Test
    void holdsFourHundredProductsFromP1000ToP1399() {
        assertThat(catalog.productIds()).hasSize(ProductCatalog.SIZE).startsWith("p-1000").endsWith("p-1399");
        assertThat(catalog.product("p-0999")).isEmpty();
        assertThat(catalog.product("p-1400")).isEmpty();
    }

    @Test
    void everyProductOfEveryUsersOrdersAndRecommendationsIsInTheCatalogUnderTheSameTitle() {
        IntStream.rangeClosed(1, SeededUsers.COUNT).forEach(n -> {
            users.orders(n).forEach(order -> order.items().forEach(item ->
                    assertThat(catalog.product(item.productId())).as("%s of %s", item.productId(), order.id())
                            .hasValueSatisfying(p -> assertThat(p.title()).isEqualTo(item.title()))));
            users.recommendations(n).forEach(r ->
                    assertThat(catalog.product(r.productId())).as("%s recommended to u-%d", r.productId(), n)
                            .hasValueSatisfying(p -> assertThat(p.title()).isEqualTo(r.title())));
        });
    }

    @Test
    void catalogPriceIsTheAmountOrdersChargeForTheProduct() {
        users.orders(11).forEach(order -> order.items().forEach(item ->
                assertThat(catalog.product(item.productId()).orElseThrow().price().amount())
                        .isEqualByComparingTo(item.unitPrice().amount())));
    }

    @Test
    void mostButNotAllProductsAreInStock() {
        long inStock = catalog.productIds().stream().filter(id -> catalog.product(id).orElseThrow().inStock()).count();

        assertThat(inStock).isBetween(300L, 390L);
    }

    @Test
    void twoCatalogsAreIdentical() {
        ProductCatalog other = new ProductCatalog();

        catalog.productIds().forEach(id -> assertThat(other.product(id)).isEqualTo(catalog.product(id)));
    }
}

package dev.mosaic.stubs.data;

/**
 * The catalog service's answer for one product: {@code {"productId","title","price":{"amount","currency"},"inStock"}}.
 * {@code title} is the title orders and recommendations show for the same product.
 */
public record CatalogProduct(String productId, String title, Money price, boolean inStock) {
}

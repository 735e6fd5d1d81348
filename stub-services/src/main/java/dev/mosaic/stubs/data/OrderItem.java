package dev.mosaic.stubs.data;

/** One line of an order. */
public record OrderItem(String productId, String title, int quantity, Money unitPrice) {
}

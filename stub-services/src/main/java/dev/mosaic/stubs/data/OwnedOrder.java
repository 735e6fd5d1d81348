package dev.mosaic.stubs.data;

import java.time.Instant;
import java.util.List;

/**
 * One order with its owner, as {@code GET /orders/{orderId}} answers it:
 * {@code {"id","userId","status","placedAt","total","items"}}; everything but {@code userId} is the
 * order exactly as the owner's order list shows it.
 */
public record OwnedOrder(String id, String userId, String status, Instant placedAt, Money total,
                         List<OrderItem> items) {

    /** {@code order} of the user {@code userId}. */
    public static OwnedOrder of(String userId, Order order) {
        return new OwnedOrder(order.id(), userId, order.status(), order.placedAt(), order.total(), order.items());
    }
}

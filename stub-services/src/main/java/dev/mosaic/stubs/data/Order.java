package dev.mosaic.stubs.data;

import java.time.Instant;
import java.util.List;

/** One order of a user; {@code total} is the sum of its items. */
public record Order(String id, String status, Instant placedAt, Money total, List<OrderItem> items) {
}

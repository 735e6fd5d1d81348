package dev.mosaic.composer.section;

import java.net.URI;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Recent orders ({@code GET /orders?userId=..&limit=5}): the {@code orders} array of the body. */
@Component
@Order(2)
final class OrdersSection implements Section {

    /** Orders shown on a dashboard. */
    static final int LIMIT = 5;

    @Override
    public String name() {
        return "orders";
    }

    @Override
    public URI uri(String baseUrl, String userId) {
        return URI.create(baseUrl + "/orders?userId=" + userId + "&limit=" + LIMIT);
    }

    @Override
    public SectionPayload extract(byte[] body) {
        return JsonSlices.arrayField(body, "orders");
    }
}

package dev.mosaic.stubs.backend;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.mosaic.stubs.data.Order;
import dev.mosaic.stubs.data.Recommendation;
import dev.mosaic.stubs.data.SeededUsers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The serialised bodies of the backend contract, rendered once per user (and limit), per order and
 * per product with Jackson and kept in memory (Caffeine caches; the 400 products up front), so a warm
 * backend only looks up bytes. Every body for every user, limit and order fits in the cache bounds;
 * only existing orders are cached, so unknown ids cannot push real ones out.
 */
final class ResponseBodies {

    private record Key(char kind, int user, int limit) {
    }

    private static final int CACHE_SIZE = 30_000;
    private static final byte[] ITEMS_START = "{\"items\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ITEMS_END = "]}".getBytes(StandardCharsets.UTF_8);

    private final SeededUsers users;
    private final JsonMapper json;
    private final LoadingCache<Key, byte[]> cache;
    private final LoadingCache<String, byte[]> singleOrders;
    private final Map<String, byte[]> products;

    ResponseBodies(SeededUsers users, JsonMapper json) {
        this.users = users;
        this.json = json;
        this.cache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build(this::render);
        // A loader that answers null stores nothing: the cache only ever holds existing orders.
        this.singleOrders = Caffeine.newBuilder().maximumSize((long) SeededUsers.COUNT * SeededUsers.MAX_ORDERS)
                .build(id -> users.order(id).map(json::writeValueAsBytes).orElse(null));
        Map<String, byte[]> rendered = new LinkedHashMap<>();
        for (String id : users.catalog().productIds()) {
            rendered.put(id, json.writeValueAsBytes(users.catalog().product(id).orElseThrow()));
        }
        this.products = Map.copyOf(rendered);
    }

    /** {@code {"id","name","email","tier","memberSince"}}, or empty for an unknown user. */
    Optional<byte[]> user(String userId) {
        return lookUp('u', userId, 0);
    }

    /** {@code {"userId","orders":[..]}} with at most {@code limit} orders, newest first. */
    Optional<byte[]> orders(String userId, int limit) {
        return lookUp('o', userId, Math.min(limit, SeededUsers.MAX_ORDERS));
    }

    /** {@code {"userId","items":[..]}} with at most {@code limit} recommendations, best first. */
    Optional<byte[]> recommendations(String userId, int limit) {
        return lookUp('r', userId, Math.min(limit, SeededUsers.RECOMMENDATIONS));
    }

    /** {@code {"id","userId","status","placedAt","total","items"}}, or empty for an unknown order id. */
    Optional<byte[]> order(String orderId) {
        return Optional.ofNullable(singleOrders.get(orderId));
    }

    /** {@code {"productId","title","price","inStock"}}, or empty for a product not in the catalog. */
    Optional<byte[]> product(String productId) {
        return Optional.ofNullable(products.get(productId));
    }

    /** {@code {"items":[..]}}: the known products among {@code productIds}, in that order; unknown ones left out. */
    byte[] products(List<String> productIds) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(64 + 160 * productIds.size());
        body.writeBytes(ITEMS_START);
        boolean first = true;
        for (String id : productIds) {
            byte[] product = products.get(id);
            if (product != null) {
                if (!first) {
                    body.write(',');
                }
                body.writeBytes(product);
                first = false;
            }
        }
        body.writeBytes(ITEMS_END);
        return body.toByteArray();
    }

    private Optional<byte[]> lookUp(char kind, String userId, int limit) {
        var number = users.number(userId);
        return number.isPresent() ? Optional.of(cache.get(new Key(kind, number.getAsInt(), limit))) : Optional.empty();
    }

    private byte[] render(Key key) {
        return switch (key.kind()) {
            case 'u' -> json.writeValueAsBytes(users.user(key.user()));
            case 'o' -> {
                List<Order> orders = users.orders(key.user());
                yield json.writeValueAsBytes(envelope(key.user(), "orders",
                        orders.subList(0, Math.min(key.limit(), orders.size()))));
            }
            case 'r' -> {
                List<Recommendation> items = users.recommendations(key.user());
                yield json.writeValueAsBytes(envelope(key.user(), "items",
                        items.subList(0, Math.min(key.limit(), items.size()))));
            }
            default -> throw new IllegalArgumentException("unknown body kind " + key.kind());
        };
    }

    private static Map<String, Object> envelope(int user, String field, List<?> values) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", "u-" + user);
        body.put(field, values);
        return body;
    }
}

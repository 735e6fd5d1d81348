package dev.mosaic.stubs.backend;

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
 * The serialised bodies of the backend contract, rendered once per user (and limit) with Jackson
 * and kept in a Caffeine cache, so a warm backend only looks up bytes. Every body for every user
 * and limit fits comfortably in the cache bound.
 */
final class ResponseBodies {

    private record Key(char kind, int user, int limit) {
    }

    private static final int CACHE_SIZE = 30_000;

    private final SeededUsers users;
    private final JsonMapper json;
    private final LoadingCache<Key, byte[]> cache;

    ResponseBodies(SeededUsers users, JsonMapper json) {
        this.users = users;
        this.json = json;
        this.cache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build(this::render);
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

package dev.mosaic.stubs.backend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.mosaic.stubs.Backend;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backend contract of the SPEC for one backend: which paths exist, how ids, {@code limit} and
 * {@code ids} are checked, which answer each request gets. Errors are RFC 9457 problem+json.
 *
 * <ul>
 *   <li>{@code GET /users/{userId}} (user)</li>
 *   <li>{@code GET /orders?userId=..&limit=..} and {@code GET /orders/{orderId}} (orders)</li>
 *   <li>{@code GET /recommendations?userId=..&limit=..} (recommendations)</li>
 *   <li>{@code GET /products?ids=..} and {@code GET /products/{productId}} (catalog)</li>
 * </ul>
 * Every id in a path, and {@code userId}, must match {@value #ID_PATTERN} (else 400); an id that
 * matches but names nothing is a 404. {@code limit} is optional, {@value #MIN_LIMIT}–{@value #MAX_LIMIT},
 * default {@value #DEFAULT_LIMIT} (else 400); {@code ids} is described by {@link ProductIds}.
 * Other paths are 404, other methods 405.
 */
final class BackendRoutes {

    static final String ID_PATTERN = "^[A-Za-z0-9_-]{1,64}$";
    static final int DEFAULT_LIMIT = 20;
    static final int MIN_LIMIT = 1;
    static final int MAX_LIMIT = 100;

    private static final Pattern ID = Pattern.compile(ID_PATTERN);
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");
    private static final String USERS_PREFIX = "/users/";
    private static final String ORDERS_PREFIX = "/orders/";
    private static final String PRODUCTS_PREFIX = "/products/";

    private final Backend backend;
    private final ResponseBodies bodies;
    private final JsonMapper json;

    BackendRoutes(Backend backend, ResponseBodies bodies, JsonMapper json) {
        this.backend = backend;
        this.bodies = bodies;
        this.json = json;
    }

    BackendAnswer answer(BackendRequest request) {
        String path = request.path();
        return switch (backend) {
            case USER -> isItem(path, USERS_PREFIX)
                    ? onlyGet(request, () -> item(path, USERS_PREFIX, "user", bodies::user))
                    : notFound(path, "no such resource; the user service serves GET /users/{userId}");
            case ORDERS -> "/orders".equals(path)
                    ? onlyGet(request, () -> listing(request, (id, limit) -> bodies.orders(id, limit)))
                    : isItem(path, ORDERS_PREFIX)
                    ? onlyGet(request, () -> item(path, ORDERS_PREFIX, "order", bodies::order))
                    : notFound(path, "no such resource; the order service serves GET /orders?userId=..&limit=.. "
                            + "and GET /orders/{orderId}");
            case RECOMMENDATIONS -> "/recommendations".equals(path)
                    ? onlyGet(request, () -> listing(request, (id, limit) -> bodies.recommendations(id, limit)))
                    : notFound(path, "no such resource; the recommendation service serves "
                            + "GET /recommendations?userId=..&limit=..");
            case CATALOG -> "/products".equals(path)
                    ? onlyGet(request, () -> products(request))
                    : isItem(path, PRODUCTS_PREFIX)
                    ? onlyGet(request, () -> item(path, PRODUCTS_PREFIX, "product", bodies::product))
                    : notFound(path, "no such resource; the catalog serves GET /products?ids=.. "
                            + "and GET /products/{productId}");
        };
    }

    private interface Listing {
        Optional<byte[]> render(String userId, int limit);
    }

    /** {@code /users/u-1} is an item of {@code /users/}; {@code /users/u-1/orders} is not. */
    private static boolean isItem(String path, String prefix) {
        return path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0;
    }

    private BackendAnswer item(String path, String prefix, String what, Function<String, Optional<byte[]>> lookUp) {
        String id = path.substring(prefix.length());
        if (!ID.matcher(id).matches()) {
            return badRequest(path, what + "Id must match " + ID_PATTERN);
        }
        return lookUp.apply(id).map(BackendAnswer::ok).orElseGet(() -> notFound(path, "no " + what + " " + id));
    }

    private BackendAnswer products(BackendRequest request) {
        ProductIds ids = ProductIds.parse(request.query().apply("ids"));
        return ids.valid() ? BackendAnswer.ok(bodies.products(ids.ids())) : badRequest(request.path(), ids.problem());
    }

    private BackendAnswer listing(BackendRequest request, Listing listing) {
        String path = request.path();
        List<String> userIds = request.query().apply("userId");
        if (userIds.size() != 1 || !ID.matcher(userIds.get(0)).matches()) {
            return badRequest(path, "exactly one userId query parameter matching " + ID_PATTERN + " is required");
        }
        List<String> limits = request.query().apply("limit");
        int limit = DEFAULT_LIMIT;
        if (!limits.isEmpty()) {
            if (limits.size() != 1 || !LIMIT.matcher(limits.get(0)).matches()
                    || Integer.parseInt(limits.get(0)) < MIN_LIMIT || Integer.parseInt(limits.get(0)) > MAX_LIMIT) {
                return badRequest(path, "limit must be a whole number from " + MIN_LIMIT + " to " + MAX_LIMIT);
            }
            limit = Integer.parseInt(limits.get(0));
        }
        String userId = userIds.get(0);
        return listing.render(userId, limit).map(BackendAnswer::ok)
                .orElseGet(() -> notFound(path, "no user " + userId));
    }

    private BackendAnswer onlyGet(BackendRequest request, Supplier<BackendAnswer> get) {
        if ("GET".equals(request.method())) {
            return get.get();
        }
        BackendAnswer problem = problem(405, "method-not-allowed", "Method Not Allowed", request.path(),
                request.method() + " is not supported here; use GET");
        return new BackendAnswer(problem.status(), problem.contentType(), problem.body(), Map.of("Allow", "GET"));
    }

    private BackendAnswer badRequest(String path, String detail) {
        return problem(400, "invalid-request", "Bad Request", path, detail);
    }

    private BackendAnswer notFound(String path, String detail) {
        return problem(404, "not-found", "Not Found", path, detail);
    }

    private BackendAnswer problem(int status, String type, String title, String path, String detail) {
        return new BackendAnswer(status, BackendAnswer.PROBLEM_JSON, json.writeValueAsBytes(
                problemBody("urn:mosaic:problem:" + type, title, status, detail, path)), Map.of());
    }

    /** An RFC 9457 body: {@code type, title, status, detail, instance}. */
    static Map<String, Object> problemBody(String type, String title, int status, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        return body;
    }
}

package dev.mosaic.stubs.backend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.mosaic.stubs.Backend;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backend contract of the SPEC for one backend: which paths exist, how {@code userId} and
 * {@code limit} are checked, which answer each request gets. Errors are RFC 9457 problem+json.
 *
 * <ul>
 *   <li>{@code GET /users/{userId}} (user)</li>
 *   <li>{@code GET /orders?userId=..&limit=..} (orders)</li>
 *   <li>{@code GET /recommendations?userId=..&limit=..} (recommendations)</li>
 * </ul>
 * {@code userId} must match {@value #USER_ID_PATTERN} (else 400); an unknown user is a 404.
 * {@code limit} is optional, {@value #MIN_LIMIT}–{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}
 * (else 400).
 */
final class BackendRoutes {

    static final String USER_ID_PATTERN = "^[A-Za-z0-9_-]{1,64}$";
    static final int DEFAULT_LIMIT = 20;
    static final int MIN_LIMIT = 1;
    static final int MAX_LIMIT = 100;

    private static final Pattern USER_ID = Pattern.compile(USER_ID_PATTERN);
    private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");
    private static final String USERS_PREFIX = "/users/";

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
            case USER -> path.startsWith(USERS_PREFIX) && path.indexOf('/', USERS_PREFIX.length()) < 0
                    ? onlyGet(request, () -> user(path.substring(USERS_PREFIX.length()), path))
                    : notFound(path, "no such resource; the user service serves GET /users/{userId}");
            case ORDERS -> "/orders".equals(path)
                    ? onlyGet(request, () -> listing(request, (id, limit) -> bodies.orders(id, limit)))
                    : notFound(path, "no such resource; the order service serves GET /orders?userId=..&limit=..");
            case RECOMMENDATIONS -> "/recommendations".equals(path)
                    ? onlyGet(request, () -> listing(request, (id, limit) -> bodies.recommendations(id, limit)))
                    : notFound(path, "no such resource; the recommendation service serves "
                            + "GET /recommendations?userId=..&limit=..");
        };
    }

    private interface Listing {
        Optional<byte[]> render(String userId, int limit);
    }

    private BackendAnswer user(String userId, String path) {
        if (!USER_ID.matcher(userId).matches()) {
            return badRequest(path, "userId must match " + USER_ID_PATTERN);
        }
        return bodies.user(userId).map(BackendAnswer::ok).orElseGet(() -> notFound(path, "no user " + userId));
    }

    private BackendAnswer listing(BackendRequest request, Listing listing) {
        String path = request.path();
        List<String> userIds = request.query().apply("userId");
        if (userIds.size() != 1 || !USER_ID.matcher(userIds.get(0)).matches()) {
            return badRequest(path, "exactly one userId query parameter matching " + USER_ID_PATTERN + " is required");
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

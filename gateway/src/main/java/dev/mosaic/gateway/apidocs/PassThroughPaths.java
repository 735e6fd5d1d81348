package dev.mosaic.gateway.apidocs;

import java.util.List;
import java.util.function.Consumer;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.mosaic.gateway.apidocs.Json.content;
import static dev.mosaic.gateway.apidocs.Json.object;
import static dev.mosaic.gateway.apidocs.Json.ref;
import static dev.mosaic.gateway.apidocs.Json.string;

/**
 * The routes that pass a request through to one backend (SPEC "Gateway edge" and "Backend
 * contract"), with the bodies the backends answer.
 */
final class PassThroughPaths {

    static final String TAG = "pass-through";

    private PassThroughPaths() {
    }

    static void paths(ObjectNode paths) {
        ObjectNode user = operation("getUser", "One user",
                "The user service's `GET /users/{userId}`. `userId` must be the token's `sub` unless it has a "
                        + "read-any scope, and there is no query string (else 403).", "User");
        ((ArrayNode) user.get("parameters")).add(pathParameter("userId", "The user's id"));
        ((ObjectNode) user.get("responses")).set("404", object()
                .put("description", "No such user (the user service's answer, passed through)"));
        paths.putObject("/api/users/{userId}").set("get", user);

        ObjectNode orders = operation("getOrders", "A user's orders, newest first",
                "The order service's `GET /orders`. Exactly one `userId`, the token's `sub` unless it has a "
                        + "read-any scope, at most one `limit`, no other parameter (else 403); one order by id is for "
                        + "read-any tokens only (its owner is in its body: use the `order-detail` composition).",
                "OrderList");
        listParameters(orders);
        paths.putObject("/api/orders").set("get", orders);

        ObjectNode recommendations = operation("getRecommendations", "Recommended products for a user",
                "The recommendation service's `GET /recommendations`, scoped like `/api/orders`.", "RecommendationList");
        listParameters(recommendations);
        paths.putObject("/api/recommendations").set("get", recommendations);
    }

    private static ObjectNode operation(String id, String summary, String description, String schema) {
        ObjectNode operation = object().put("operationId", id).put("summary", summary).put("description", description);
        operation.set("tags", Json.array(List.of(TAG)));
        operation.putArray("parameters").add(ref("parameters", "RequestId"));
        ObjectNode responses = operation.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "The backend's answer, passed through");
        ok.putObject("headers").set("X-Trace-Id", ref("headers", "X-Trace-Id"));
        ok.set("content", content("application/json", ref("schemas", schema)));
        for (String[] problem : OpenApiComponents.PROBLEMS) {
            if (List.of("401", "403", "429", "503", "504").contains(problem[0])) {
                responses.set(problem[0], ref("responses", problem[1]));
            }
        }
        return operation;
    }

    private static ObjectNode pathParameter(String name, String description) {
        ObjectNode parameter = object().put("name", name).put("in", "path").put("required", true)
                .put("description", description);
        parameter.set("schema", string(null));
        return parameter;
    }

    private static void listParameters(ObjectNode operation) {
        ArrayNode parameters = (ArrayNode) operation.get("parameters");
        ObjectNode user = object().put("name", "userId").put("in", "query").put("required", true)
                .put("description", "Whose; the token's `sub` unless it has a read-any scope");
        user.set("schema", string(null));
        parameters.add(user);
        ObjectNode limit = object().put("name", "limit").put("in", "query").put("required", false)
                .put("description", "At most this many");
        limit.set("schema", object().put("type", "integer").put("minimum", 1));
        parameters.add(limit);
    }

    static void schemas(ObjectNode schemas) {
        schemas.set("User", schema(List.of("id", "name", "email", "tier", "memberSince"), properties -> {
            properties.set("id", string(null));
            properties.set("name", string(null));
            properties.set("email", string(null).put("format", "email"));
            properties.set("tier", string(null));
            properties.set("memberSince", string(null));
        }));
        schemas.set("Money", schema(List.of("amount", "currency"), properties -> {
            properties.set("amount", object().put("type", "number"));
            properties.set("currency", string("ISO 4217 code"));
        }));
        schemas.set("Order", schema(List.of("id", "status", "placedAt", "total", "items"), properties -> {
            properties.set("id", string(null));
            properties.set("status", string(null));
            properties.set("placedAt", string(null).put("format", "date-time"));
            properties.set("total", ref("schemas", "Money"));
            properties.set("items", object().put("type", "array").set("items", object().put("type", "object")));
        }));
        schemas.set("OrderList", schema(List.of("userId", "orders"), properties -> {
            properties.set("userId", string(null));
            properties.set("orders", object().put("type", "array").set("items", ref("schemas", "Order")));
        }));
        schemas.set("Recommendation", schema(List.of("productId", "title"), properties -> {
            properties.set("productId", string(null));
            properties.set("title", string(null));
            properties.set("score", object().put("type", "number"));
            properties.set("reason", string(null));
        }));
        schemas.set("RecommendationList", schema(List.of("userId", "items"), properties -> {
            properties.set("userId", string(null));
            properties.set("items", object().put("type", "array").set("items", ref("schemas", "Recommendation")));
        }));
    }

    private static ObjectNode schema(List<String> required, Consumer<ObjectNode> properties) {
        ObjectNode schema = object().put("type", "object");
        schema.set("required", Json.array(required));
        properties.accept(schema.putObject("properties"));
        return schema;
    }
}

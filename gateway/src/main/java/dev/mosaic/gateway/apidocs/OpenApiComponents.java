package dev.mosaic.gateway.apidocs;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

import static dev.mosaic.gateway.apidocs.Json.content;
import static dev.mosaic.gateway.apidocs.Json.header;
import static dev.mosaic.gateway.apidocs.Json.integer;
import static dev.mosaic.gateway.apidocs.Json.object;
import static dev.mosaic.gateway.apidocs.Json.ref;
import static dev.mosaic.gateway.apidocs.Json.string;
import static dev.mosaic.gateway.apidocs.Json.stringEnum;

/**
 * The parts every path of the document shares: the problem body and responses, the section status
 * in {@code meta}, the response headers, the optional request headers and bearer-JWT security. Their
 * values are the SPEC's ("Errors", "Dashboard contract", "Tail latency and overload").
 */
final class OpenApiComponents {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String SECURITY_SCHEME = "bearerAuth";
    static final List<String> STATUSES = List.of("OK", "DEGRADED", "FAILED", "SKIPPED");
    static final List<String> SOURCES = List.of("LIVE", "STALE", "FALLBACK", "NONE");
    static final List<String> REASONS = List.of("TIMEOUT", "CIRCUIT_OPEN", "BULKHEAD_FULL", "UPSTREAM_ERROR",
            "CONNECT_ERROR", "BAD_RESPONSE", "DEADLINE_EXCEEDED", "RETRY_BUDGET_EXHAUSTED", "NOT_FOUND",
            "DEPENDENCY_FAILED", "OVERLOADED");
    /** The problem responses, by status: component name and description. */
    static final List<String[]> PROBLEMS = List.of(
            new String[] {"400", "BadRequest", "A path parameter misses its pattern, or `include` names an unknown section"},
            new String[] {"401", "Unauthorized", "No bearer token, or one that is expired, malformed or not trusted"},
            new String[] {"403", "Forbidden", "The token lacks `dashboard:read`, or names someone else without a read-any scope"},
            new String[] {"404", "NotFound", "The required section's backend answered 404, or the data is someone else's"},
            new String[] {"429", "TooManyRequests", "This client's rate limit is used up; wait `Retry-After` seconds"},
            new String[] {"503", "ServiceUnavailable", "A required section failed without fallback, a circuit is open, "
                    + "the request was shed, or the identity provider's keys cannot be fetched to check the token "
                    + "(`identity-provider-unavailable`); `Retry-After` where a wait is known"},
            new String[] {"504", "GatewayTimeout", "The deadline passed before a required section answered"});

    private OpenApiComponents() {
    }

    static ObjectNode components() {
        ObjectNode components = object();
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("Problem", problem());
        schemas.set("SectionMeta", sectionMeta());
        PassThroughPaths.schemas(schemas);
        components.set("responses", responses());
        components.set("headers", headers());
        components.set("parameters", parameters());
        components.putObject("securitySchemes").set(SECURITY_SCHEME, object()
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "An RS256 JWT from the identity provider (in development "
                        + "`POST http://127.0.0.1:9000/token` with `{\"sub\":\"u-42\",\"scope\":\"dashboard:read\"}`). "
                        + "Every composition needs scope `dashboard:read`; `compositions:read:any` or "
                        + "`dashboard:read:any` reads anyone's data."));
        return components;
    }

    private static ObjectNode problem() {
        ObjectNode schema = object().put("type", "object")
                .put("description", "RFC 9457 problem details, as every error of the gateway and the composer");
        schema.set("required", Json.array(List.of("type", "title", "status", "detail", "instance", "traceId")));
        ObjectNode properties = schema.putObject("properties");
        properties.set("type", string("A stable URI per kind of problem, https://mosaic.dev/problems/<slug>")
                .put("format", "uri"));
        properties.set("title", string("The status' reason phrase"));
        properties.set("status", integer("The HTTP status", 100).put("maximum", 599));
        properties.set("detail", string("What happened to this request"));
        properties.set("instance", string("The request path").put("format", "uri-reference"));
        properties.set("traceId", string("The W3C trace id, also in X-Trace-Id and the logs")
                .put("pattern", "^[0-9a-f]{32}$"));
        ObjectNode example = schema.putObject("example");
        example.put("type", "https://mosaic.dev/problems/rate-limited").put("title", "Too Many Requests")
                .put("status", 429).put("detail", "Too many requests from this client")
                .put("instance", "/api/dashboard/u-42").put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
        return schema;
    }

    private static ObjectNode sectionMeta() {
        ObjectNode schema = object().put("type", "object").put("description", "How one section was answered");
        schema.set("required", Json.array(List.of("status", "source")));
        ObjectNode properties = schema.putObject("properties");
        properties.set("status", stringEnum("OK: live data; DEGRADED: from a fallback (stale cache or default); "
                + "FAILED: no data, the section is null; SKIPPED: not in include", STATUSES));
        properties.set("source", stringEnum("LIVE; STALE: last known good, with staleAgeMs; FALLBACK: static "
                + "default; NONE", SOURCES));
        properties.set("reason", stringEnum("Why the section is not OK", REASONS));
        properties.set("attempts", integer("Calls made to the backend (0: none needed, e.g. an empty fan-out)", 0));
        properties.set("latencyMs", integer("Time the section took", 0));
        properties.set("staleAgeMs", integer("Age of the stale value served (source STALE)", 0));
        properties.set("hedged", object().put("type", "boolean").put("description", "Won by a hedged request"));
        schema.putObject("example").put("status", "OK").put("source", "LIVE").put("attempts", 1).put("latencyMs", 12);
        return schema;
    }

    private static ObjectNode responses() {
        ObjectNode responses = object();
        for (String[] problem : PROBLEMS) {
            ObjectNode response = object().put("description", problem[2]);
            ObjectNode headers = response.putObject("headers");
            headers.set("X-Trace-Id", ref("headers", "X-Trace-Id"));
            headers.set("X-Request-Id", ref("headers", "X-Request-Id"));
            switch (problem[0]) {
                case "401", "403" -> headers.set("WWW-Authenticate", ref("headers", "WWW-Authenticate"));
                case "429" -> {
                    headers.set("Retry-After", ref("headers", "Retry-After"));
                    headers.set("X-RateLimit-Remaining", ref("headers", "X-RateLimit-Remaining"));
                }
                case "503" -> headers.set("Retry-After", ref("headers", "Retry-After"));
                default -> { }
            }
            response.set("content", content(PROBLEM_JSON, ref("schemas", "Problem")));
            responses.set(problem[1], response);
        }
        return responses;
    }

    private static ObjectNode headers() {
        ObjectNode headers = object();
        headers.set("X-Composition", header("The composition's name", string(null)));
        headers.set("X-Composition-Complete", header("false when any section is not OK",
                stringEnum(null, List.of("true", "false"))));
        headers.set("X-Dashboard-Complete", header("The dashboard's historic name for X-Composition-Complete",
                stringEnum(null, List.of("true", "false"))));
        headers.set("X-Degraded-Sections", header("The sections that are not OK, comma-separated; absent when none",
                string(null)));
        headers.set("Server-Timing", header("One entry per section, e.g. orders;dur=640;desc=\"TIMEOUT\"", string(null)));
        headers.set("X-Trace-Id", header("The W3C trace id of this request", string(null).put("pattern", "^[0-9a-f]{32}$")));
        headers.set("X-Request-Id", header("The caller's X-Request-Id when valid, else a generated one",
                string(null).put("pattern", "^[A-Za-z0-9._-]{1,64}$")));
        headers.set("X-RateLimit-Remaining", header("Requests left in this client's bucket",
                object().put("type", "integer").put("minimum", 0)));
        headers.set("Retry-After", header("Seconds to wait before trying again",
                object().put("type", "integer").put("minimum", 1)));
        headers.set("WWW-Authenticate", header("The RFC 6750 bearer challenge", string(null)));
        return headers;
    }

    private static ObjectNode parameters() {
        ObjectNode parameters = object();
        parameters.set("RequestId", object().put("name", "X-Request-Id").put("in", "header").put("required", false)
                .put("description", "Kept when it is 1-64 characters of [A-Za-z0-9._-], else replaced; echoed back")
                .set("schema", string(null).put("pattern", "^[A-Za-z0-9._-]{1,64}$")));
        parameters.set("Timeout", object().put("name", "X-Mosaic-Timeout-Ms").put("in", "header").put("required", false)
                .put("description", "The caller's budget in milliseconds: the deadline becomes the smaller of this "
                        + "(capped by configuration) and the composition's own")
                .set("schema", object().put("type", "integer").put("minimum", 1)));
        return parameters;
    }

    /** The problem responses of a composition, by status. */
    static ObjectNode problemResponses(ObjectNode responses) {
        for (String[] problem : PROBLEMS) {
            responses.set(problem[0], ref("responses", problem[1]));
        }
        return responses;
    }
}

package dev.mosaic.gateway.apidocs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.mosaic.compositions.Composition;
import dev.mosaic.compositions.OwnerRule;
import dev.mosaic.compositions.SectionDefinition;
import dev.mosaic.gateway.composition.CompositionRoute;
import dev.mosaic.gateway.config.GatewayProperties.RouteIds;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static dev.mosaic.gateway.apidocs.Json.content;
import static dev.mosaic.gateway.apidocs.Json.object;
import static dev.mosaic.gateway.apidocs.Json.ref;
import static dev.mosaic.gateway.apidocs.Json.string;

/**
 * The OpenAPI 3.1 description of the gateway, generated from the same composition definitions the
 * routes are built from: one path per composition at {@code /api} + its path, {@code /api/me/dashboard},
 * the pass-through routes and {@code /openapi.json} itself.
 *
 * <pre>{@code
 * ObjectNode document = OpenApiDocument.of(compositionRoutes.all(), "0.1.0");
 * }</pre>
 */
final class OpenApiDocument {

    static final String OPENAPI = "3.1.0";
    static final String TAG = "compositions";
    /** Any JSON value, {@code null} included: what a section holds is its backend's business. */
    private static final List<String> ANY_JSON = List.of("object", "array", "string", "number", "boolean", "null");

    private OpenApiDocument() {
    }

    static ObjectNode of(List<CompositionRoute> compositions, String version) {
        ObjectNode root = object().put("openapi", OPENAPI);
        root.putObject("info").put("title", "Mosaic API").put("version", version)
                .put("description", "The Mosaic gateway: composed endpoints (one per composition file, each section "
                        + "guarded by timeouts, retries, circuit breakers and fallbacks, every decision reported in "
                        + "`meta`) and pass-through routes to the backends. Generated at start from the composition "
                        + "files this gateway serves. Every answer also comes for HEAD; every error is "
                        + "`application/problem+json`.");
        ArrayNode tags = root.putArray("tags");
        tags.addObject().put("name", TAG).put("description", "Composed endpoints, one per composition file");
        tags.addObject().put("name", PassThroughPaths.TAG).put("description", "One backend, passed through");
        tags.addObject().put("name", "api-description").put("description", "This document");
        root.putArray("security").addObject().putArray(OpenApiComponents.SECURITY_SCHEME);

        ObjectNode paths = root.putObject("paths");
        ObjectNode components = OpenApiComponents.components();
        ObjectNode schemas = (ObjectNode) components.get("schemas");
        Set<String> schemaNames = new HashSet<>();
        for (CompositionRoute route : compositions) {
            String schema = schemaName(route.name(), schemaNames);
            schemas.set(schema, responseSchema(route.composition()));
            paths.putObject(route.path()).set("get", operation(route, schema));
            if (RouteIds.COMPOSER.equals(route.name())) {
                paths.putObject(RouteIds.ME_DASHBOARD_PATH).set("get", meDashboard(route, schema));
            }
        }
        PassThroughPaths.paths(paths);
        paths.putObject("/openapi.json").set("get", self());
        root.set("components", components);
        return root;
    }

    private static ObjectNode operation(CompositionRoute route, String schema) {
        Composition composition = route.composition();
        ObjectNode operation = object().put("operationId", composition.name())
                .put("summary", composition.description() != null ? composition.description()
                        : "The " + composition.name() + " composition")
                .put("description", describe(composition));
        operation.set("tags", Json.array(List.of(TAG)));
        ArrayNode parameters = operation.putArray("parameters");
        for (int i = 0; i < route.variables().size(); i++) {
            String variable = route.variables().get(i);
            String pattern = route.patterns().get(i).pattern();
            ObjectNode parameter = parameters.addObject().put("name", variable).put("in", "path").put("required", true)
                    .put("description", "Must match `" + pattern + "` (else 400)");
            parameter.set("schema", string(null).put("pattern", Json.anchored(pattern)));
        }
        commonParameters(parameters, composition);
        operation.set("responses", responses(composition, schema));
        return operation;
    }

    private static ObjectNode meDashboard(CompositionRoute dashboard, String schema) {
        ObjectNode operation = object().put("operationId", "getMyDashboard")
                .put("summary", "The caller's own dashboard")
                .put("description", "The `" + dashboard.name() + "` composition for the token's `sub` "
                        + "(never a user id from the request). Needs scope `dashboard:read`.");
        operation.set("tags", Json.array(List.of(TAG)));
        commonParameters(operation.putArray("parameters"), dashboard.composition());
        operation.set("responses", responses(dashboard.composition(), schema));
        return operation;
    }

    private static void commonParameters(ArrayNode parameters, Composition composition) {
        ObjectNode include = parameters.addObject().put("name", "include").put("in", "query").put("required", false)
                .put("style", "form").put("explode", false)
                .put("description", "The sections to return, comma-separated (default all; an unknown name is a "
                        + "400). Sections an included one needs are still called but not returned.");
        ObjectNode items = string(null);
        items.set("enum", Json.array(composition.sectionNames()));
        include.set("schema", object().put("type", "array").put("uniqueItems", true).set("items", items));
        parameters.add(ref("parameters", "Timeout"));
        parameters.add(ref("parameters", "RequestId"));
    }

    private static ObjectNode responses(Composition composition, String schema) {
        ObjectNode responses = object();
        ObjectNode ok = responses.putObject("200").put("description", "The composition; `meta` tells how each "
                + "section was answered (a failed optional section degrades the answer, still 200)");
        ObjectNode headers = ok.putObject("headers");
        List<String> names = new ArrayList<>(List.of("X-Composition", "X-Composition-Complete"));
        if (RouteIds.COMPOSER.equals(composition.name())) {
            names.add("X-Dashboard-Complete");
        }
        names.addAll(List.of("X-Degraded-Sections", "Server-Timing", "X-Trace-Id", "X-Request-Id", "X-RateLimit-Remaining"));
        names.forEach(name -> headers.set(name, ref("headers", name)));
        ok.set("content", content("application/json", ref("schemas", schema)));
        return OpenApiComponents.problemResponses(responses);
    }

    private static ObjectNode responseSchema(Composition composition) {
        ObjectNode schema = object().put("type", "object")
                .put("description", "Each path variable, each section (its selected value, null when it has none) "
                        + "and meta");
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>(composition.path().variables());
        composition.path().variables().forEach(variable -> properties.set(variable, string("The path's " + variable)));
        for (SectionDefinition section : composition.sections()) {
            ObjectNode value = object().put("description", (section.description() != null ? section.description()
                    : "From source `" + section.source() + "`") + (section.required() ? " Required." : " Optional.")
                    + " Null when the section has no data.");
            value.set("type", Json.array(ANY_JSON));
            properties.set(section.name(), value);
        }
        properties.set("meta", meta(composition));
        required.add("meta");
        schema.set("required", Json.array(required));
        return schema;
    }

    private static ObjectNode meta(Composition composition) {
        ObjectNode meta = object().put("type", "object");
        meta.set("required", Json.array(List.of("complete", "sections")));
        ObjectNode properties = meta.putObject("properties");
        properties.set("complete", object().put("type", "boolean").put("description", "Every section is OK"));
        ObjectNode sections = object().put("type", "object").put("additionalProperties", false);
        sections.set("required", Json.array(composition.sectionNames()));
        ObjectNode each = sections.putObject("properties");
        composition.sectionNames().forEach(name -> each.set(name, ref("schemas", "SectionMeta")));
        properties.set("sections", sections);
        return meta;
    }

    private static String describe(Composition composition) {
        StringBuilder text = new StringBuilder();
        if (composition.description() != null) {
            text.append(composition.description()).append("\n\n");
        }
        text.append("Composition `").append(composition.name()).append("` (").append(composition.file())
                .append("): sections ");
        for (SectionDefinition section : composition.sections()) {
            text.append('`').append(section.name()).append("` (").append(section.source())
                    .append(section.required() ? ", required" : "")
                    .append(section.dependencies().isEmpty() ? "" : ", after " + String.join(", ", section.dependencies()))
                    .append(") ");
        }
        text.append("\n\nNeeds scope `dashboard:read`. ");
        if (composition.owner() instanceof OwnerRule.PathVariable owner) {
            text.append("`").append(owner.name()).append("` must be the token's `sub` unless it has "
                    + "`compositions:read:any` or `dashboard:read:any` (else 403, before any backend call).");
        } else if (composition.owner() instanceof OwnerRule.SectionField owner) {
            text.append("Only its owner `").append(owner).append("` (or a read-any token) may see it; anyone else "
                    + "gets 404, as if it did not exist.");
        }
        if (composition.deadline() != null) {
            text.append(" Deadline ").append(composition.deadline().toMillis()).append(" ms.");
        }
        return text.toString();
    }

    private static ObjectNode self() {
        ObjectNode operation = object().put("operationId", "getOpenApiDocument").put("summary", "This document")
                .put("description", "No token needed; rate-limited per client address like every request. "
                        + "A browsable form is at `/docs`.");
        operation.set("tags", Json.array(List.of("api-description")));
        operation.putArray("security");
        ObjectNode responses = operation.putObject("responses");
        responses.putObject("200").put("description", "The OpenAPI document")
                .set("content", content("application/json", object().put("type", "object")));
        responses.putObject("304").put("description", "Unchanged since the ETag sent in If-None-Match");
        responses.set("429", ref("responses", "TooManyRequests"));
        return operation;
    }

    /** {@code order-detail} → {@code OrderDetailComposition}, unique among {@code taken}. */
    static String schemaName(String composition, Set<String> taken) {
        StringBuilder name = new StringBuilder();
        for (String part : composition.split("-")) {
            if (!part.isEmpty()) {
                name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        String candidate = name.append("Composition").toString();
        // "a-1" and "a1" would both be A1Composition: the raw name keeps them apart
        return taken.add(candidate) ? candidate : schemaNameRaw(composition, taken);
    }

    private static String schemaNameRaw(String composition, Set<String> taken) {
        String raw = "Composition_" + composition;
        taken.add(raw);
        return raw;
    }
}

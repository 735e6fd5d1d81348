package dev.mosaic.gateway.apidocs;

import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Small builders for the OpenAPI document's JSON nodes, so the document code reads like the document. */
final class Json {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** {@code {"$ref": "#/components/<kind>/<name>"}}. */
    static ObjectNode ref(String kind, String name) {
        return object().put("$ref", "#/components/" + kind + "/" + name);
    }

    static ObjectNode string(String description) {
        ObjectNode schema = object().put("type", "string");
        return description == null ? schema : schema.put("description", description);
    }

    static ObjectNode stringEnum(String description, List<String> values) {
        ObjectNode schema = string(description);
        schema.set("enum", array(values));
        return schema;
    }

    static ObjectNode integer(String description, int minimum) {
        return object().put("type", "integer").put("minimum", minimum).put("description", description);
    }

    /** A header object with a plain string schema. */
    static ObjectNode header(String description, ObjectNode schema) {
        ObjectNode header = object().put("description", description);
        header.set("schema", schema);
        return header;
    }

    /** {@code {"<mediaType>": {"schema": schema}}}. */
    static ObjectNode content(String mediaType, ObjectNode schema) {
        ObjectNode content = object();
        content.putObject(mediaType).set("schema", schema);
        return content;
    }

    /**
     * A Java regular expression (matched whole, {@code Matcher.matches()}) as a JSON Schema
     * {@code pattern} (ECMA-262, which searches): anchored unless it already is, without alternation.
     */
    static String anchored(String javaPattern) {
        boolean anchored = javaPattern.startsWith("^") && javaPattern.endsWith("$") && !javaPattern.endsWith("\\$")
                && javaPattern.indexOf('|') < 0;
        return anchored ? javaPattern : "^(?:" + javaPattern + ")$";
    }
}

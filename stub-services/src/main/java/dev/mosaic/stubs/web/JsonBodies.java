package dev.mosaic.stubs.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict reading of the control plane's request bodies: one JSON value, no trailing garbage, no
 * duplicate keys. Bodies are read as trees so that handlers can tell an absent field from a
 * {@code null} one and name unknown fields in their errors.
 */
final class JsonBodies {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonBodies() {
    }

    /**
     * Parses a body.
     *
     * @throws MalformedJsonException when the body is empty or not valid JSON
     */
    static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedJsonException("the request body is empty; a JSON object is required");
        }
        try {
            return STRICT.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedJsonException("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}

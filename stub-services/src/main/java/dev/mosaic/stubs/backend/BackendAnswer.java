package dev.mosaic.stubs.backend;

import java.util.Map;

/**
 * A backend's answer before chaos: status, content type, body and any extra headers.
 *
 * @param status      HTTP status
 * @param contentType media type of {@code body}
 * @param body        the serialised body, shared and never modified
 * @param headers     further headers (e.g. {@code Allow} on a 405)
 */
record BackendAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    static BackendAnswer ok(byte[] body) {
        return new BackendAnswer(200, JSON, body, Map.of());
    }
}

package dev.mosaic.systemtests.stack;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the tests do to stub-services: mint development tokens ({@code POST /token}), set and reset
 * chaos ({@code /chaos}), and read or clear each backend's WireMock request journal
 * ({@code /journal/{service}} on the control plane, on because the stack starts the stubs with
 * {@code mosaic.stubs.journal-enabled=true}; WireMock's own admin API is closed on the backend ports).
 */
public final class StubControlPlane {

    /** One request a backend received, as WireMock's journal recorded it. */
    public record ReceivedRequest(String method, String url, Map<String, String> headers) {

        /** A header's value by case-insensitive name. */
        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                    .map(Map.Entry::getValue)
                    .findFirst();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MosaicStack stack;

    StubControlPlane(MosaicStack stack) {
        this.stack = stack;
    }

    /** A signed development JWT for {@code sub} with the given space-separated scopes. */
    public String token(String sub, String scope) {
        String body = JSON.createObjectNode().put("sub", sub).put("scope", scope).toString();
        HttpResponse<String> response = Http.send(Http.postJson(stack.controlUrl() + "/token", body));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /token answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /** {@code POST /keys/rotate}: a new signing key; returns {@code kid, nextKid, previousKid, previousDroppedAt}. */
    public JsonNode rotateKeys() {
        HttpResponse<String> response = Http.send(Http.get(stack.controlUrl() + "/keys/rotate")
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /keys/rotate answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** {@code PUT /chaos/{service}} with a JSON merge patch; returns the settings now in force. */
    public JsonNode chaos(Backend backend, String patchJson) {
        HttpResponse<String> response = Http.send(Http.putJson(stack.controlUrl() + "/chaos/" + backend.id(), patchJson));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT /chaos/" + backend.id() + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** {@code POST /chaos/reset}: every backend back to normal. */
    public void resetChaos() {
        HttpResponse<String> response = Http.send(Http.postJson(stack.controlUrl() + "/chaos/reset", ""));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST /chaos/reset answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Empties a backend's request journal. */
    public void clearJournal(Backend backend) {
        HttpResponse<String> response = Http.send(Http.delete(stack.controlUrl() + "/journal/" + backend.id()));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("DELETE /journal/" + backend.id() + " answered " + response.statusCode());
        }
    }

    /** Every request the backend received since its journal was last cleared, oldest first. */
    public List<ReceivedRequest> journal(Backend backend) {
        JsonNode journal = JSON.readTree(Http.getOk(stack.controlUrl() + "/journal/" + backend.id()));
        List<ReceivedRequest> requests = new ArrayList<>();
        for (JsonNode request : journal.path("requests")) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> header : request.path("headers").properties()) {
                // a repeated header is an array; a repeated traceparent is itself a finding
                JsonNode value = header.getValue();
                headers.put(header.getKey(), value.isArray() ? value.toString() : value.asString());
            }
            requests.add(new ReceivedRequest(request.path("method").asString(), request.path("url").asString(), headers));
        }
        return requests;
    }
}

package dev.mosaic.loadtest.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stub control plane seen from the suite: the chaos API and the development identity provider.
 * Calls block the calling thread; the suite makes them from its own scheduler, never from Gatling's
 * event loops.
 *
 * <pre>{@code
 * ControlPlane control = ControlPlane.at(http, URI.create("http://127.0.0.1:9000"));
 * String jwt = control.token("u-42", "dashboard:read dashboard:read:any");
 * control.apply(ChaosStep.inject(Duration.ZERO, "orders", Map.of("errorRate", 0.5)));
 * }</pre>
 */
public final class ControlPlane {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final URI base;

    private ControlPlane(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    public static ControlPlane at(HttpClient http, URI base) {
        return new ControlPlane(http, base);
    }

    /**
     * A development JWT for {@code subject} with {@code scope}.
     *
     * @throws IllegalStateException when the identity provider does not issue one
     */
    public String token(String subject, String scope) {
        String body = JSON.writeValueAsString(Map.of("sub", subject, "scope", scope));
        HttpResponse<String> response = send(request("/token").POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + base + "/token answered " + response.statusCode() + ": "
                    + response.body());
        }
        JsonNode token = JSON.readTree(response.body()).get("access_token");
        if (token == null || !token.isString()) {
            throw new IllegalStateException("POST " + base + "/token gave no access_token: " + response.body());
        }
        return token.stringValue();
    }

    /** Makes the call of {@code step}; a control plane that does not answer is recorded, not thrown. */
    public AppliedChaos apply(ChaosStep step, long nowEpochMs) {
        HttpRequest.Builder request = switch (step.action()) {
            case RESET -> request("/chaos/reset").POST(HttpRequest.BodyPublishers.noBody());
            case INJECT -> request("/chaos/" + step.service())
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(step.settings())));
            case CLEAR -> request("/chaos/" + step.service()).DELETE();
            case RESTART, READY -> throw new IllegalArgumentException("not a chaos API call: " + step.describe());
        };
        try {
            HttpResponse<String> response = send(request);
            return new AppliedChaos(nowEpochMs, step, response.statusCode(), response.body());
        } catch (UncheckedIOException e) {
            return new AppliedChaos(nowEpochMs, step, 0, String.valueOf(e.getCause()));
        }
    }

    /** {@code GET /chaos/events}: the control plane's own timestamped log of changes; empty if unreadable. */
    public List<JsonNode> events() {
        try {
            HttpResponse<String> response = send(request("/chaos/events").GET());
            if (response.statusCode() != 200) {
                return List.of();
            }
            JsonNode events = JSON.readTree(response.body()).get("events");
            return events == null || !events.isArray() ? List.of() : events.valueStream().toList();
        } catch (UncheckedIOException | tools.jackson.core.JacksonException e) {
            return List.of();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the stub control plane at " + base + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}

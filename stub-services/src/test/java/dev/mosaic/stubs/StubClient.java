package dev.mosaic.stubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.mosaic.stubs.backend.BackendServers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP/1.1 client for the running stubs: backends by {@link Backend}, control plane by path. */
public final class StubClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One client for all tests, held statically: a JDK 17 {@link HttpClient} that becomes unreachable
     * while a request is in flight can shut its selector down and leave that request hanging.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpClient http = HTTP;
    private final int controlPort;
    private final BackendServers servers;

    public StubClient(int controlPort, BackendServers servers) {
        this.controlPort = controlPort;
        this.servers = servers;
    }

    public HttpClient http() {
        return http;
    }

    public URI backendUri(Backend backend, String pathAndQuery) {
        return URI.create(servers.baseUrl(backend) + pathAndQuery);
    }

    public URI controlUri(String path) {
        return URI.create("http://127.0.0.1:" + controlPort + path);
    }

    /** GET on a backend; transport failures surface as {@link IOException}. */
    public HttpResponse<String> backend(Backend backend, String pathAndQuery) throws IOException {
        return send(HttpRequest.newBuilder(backendUri(backend, pathAndQuery)).timeout(Duration.ofSeconds(30)).build());
    }

    public HttpResponse<String> control(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(controlUri(path)).timeout(Duration.ofSeconds(30));
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return control("GET", path, null);
    }

    /** {@code PUT /chaos/{service}}, failing the test unless the change was accepted. */
    public JsonNode chaos(Backend backend, String jsonBody) {
        HttpResponse<String> response = control("PUT", "/chaos/" + backend.serviceName(), jsonBody);
        if (response.statusCode() != 200) {
            throw new AssertionError("chaos change " + jsonBody + " refused: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    public void resetChaos() {
        HttpResponse<String> response = control("POST", "/chaos/reset", null);
        if (response.statusCode() != 200) {
            throw new AssertionError("chaos reset failed: " + response.statusCode() + " " + response.body());
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}

package dev.mosaic.gateway.server;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.RawHttp;
import dev.mosaic.gateway.support.RawHttp.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Netty refuses before any WebFlux handler runs (a malformed request line or header, a
 * request line over 8 KB, headers over 16 KB) are answered problem+json like every other error, over
 * a raw socket because no HTTP client sends them.
 */
class DecodingFailureProblemTests extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "malformed request line | 400 | malformed-request",
            "invalid header name    | 400 | malformed-request",
            "request line over 8 KB | 414 | uri-too-long",
            "headers over 16 KB     | 431 | headers-too-large"})
    void nettysOwnRefusalIsAProblem(String kind, int status, String type) throws IOException {
        String request = switch (kind) {
            case "malformed request line" -> "GET\r\n\r\n";
            case "invalid header name" -> "GET /api/users/u-1 HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n";
            case "request line over 8 KB" -> "GET /api/users/u-1?pad=" + "a".repeat(10 * 1024)
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
            default -> "GET /api/users/u-1 HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(20 * 1024)
                    + "\r\n\r\n";
        };

        Response response;
        try (Socket socket = RawHttp.connect(port, Duration.ofSeconds(10))) {
            RawHttp.send(socket, request);
            response = Response.parse(RawHttp.readUntilClosed(socket));
        }

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json")
                .containsEntry("cache-control", "no-store").containsEntry("connection", "close")
                .containsEntry("content-length", Integer.toString(response.body().length()));
        Map<String, Object> problem = JSON.readValue(response.body(), new tools.jackson.core.type.TypeReference<>() { });
        assertThat(problem).containsKeys("type", "title", "status", "detail", "instance", "traceId")
                .containsEntry("status", status)
                .containsEntry("type", "https://mosaic.dev/problems/" + type);
        assertThat(problem.get("traceId").toString()).matches("[0-9a-f]{32}");
        backends().verify(0, anyRequestedFor(anyUrl()));
    }
}

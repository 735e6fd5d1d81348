package dev.mosaic.stubs.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console as a browser sees it, minus the browser: the page and its files (all from this origin),
 * and the event stream, with the composer's actuator played by WireMock (an open breaker) and the
 * gateway's not listening at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mosaic.stubs.user-port=0",
        "mosaic.stubs.orders-port=0",
        "mosaic.stubs.recommendations-port=0",
        "mosaic.stubs.catalog-port=0",
        "mosaic.stubs.console.interval=200ms",
        "mosaic.stubs.console.timeout=200ms"})
class ConsoleWebTests {

    private static final WireMockServer composer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern LOCAL_FILE = Pattern.compile("(?:src|href)=\"(/console/[^\"]+)\"|from '\\./([a-z]+\\.js)'");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void managementUrls(DynamicPropertyRegistry registry) {
        composer.start();
        composer.stubFor(get("/actuator/prometheus").willReturn(aResponse().withStatus(200).withBody("""
                resilience4j_circuitbreaker_state{name="recommendations",state="closed"} 0.0
                resilience4j_circuitbreaker_state{name="recommendations",state="open"} 1.0
                mosaic_retry_budget_available{section="recommendations",source="recommendations"} 3.0
                """)));
        registry.add("mosaic.stubs.console.composer-management-url", composer::baseUrl);
        registry.add("mosaic.stubs.console.gateway-management-url", () -> "http://127.0.0.1:" + closedPort());
    }

    @AfterAll
    static void stopComposer() {
        composer.stop();
    }

    @Test
    void thePageAndEveryFileItLoadsComeFromThisOrigin() throws Exception {
        HttpResponse<String> page = send(request("/console").build());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'").contains("script-src 'self'"));
        List<String> files = new ArrayList<>(localFiles(page.body()));
        for (int i = 0; i < files.size(); i++) {
            HttpResponse<String> file = send(request(files.get(i)).build());
            assertThat(file.statusCode()).as(files.get(i)).isEqualTo(200);
            if (files.get(i).endsWith(".js")) {
                assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
                localFiles(file.body()).stream().filter(f -> !files.contains(f)).forEach(files::add);
            }
            if (!files.get(i).endsWith(".svg")) {
                assertThat(file.body()).as("%s names nothing on another origin", files.get(i)).doesNotContainPattern("https?://");
            }
        }
        assertThat(files).contains("/console/console.js", "/console/console.css", "/console/charts.js", "/console/chaos.js", "/console/format.js");
    }

    @Test
    void aFileTheConsoleDoesNotHaveIsA404Problem() throws Exception {
        HttpResponse<String> missing = send(request("/console/nothing.js").build());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void theStreamShowsTheComposersBreakersAndTheGatewayAsUnreachable() {
        JsonNode frame = frames(f -> f.path("parts").path(0).path("reachable").asBoolean()).get(0);

        assertThat(frame.path("parts").path(0).path("part").asString()).isEqualTo("composer");
        assertThat(frame.path("parts").path(1).path("part").asString()).isEqualTo("gateway");
        assertThat(frame.path("parts").path(1).path("reachable").asBoolean()).isFalse();
        assertThat(frame.path("parts").path(1).path("detail").asString()).isEqualTo("connection refused");
        assertThat(frame.path("breakers").path(0).path("id").asString()).isEqualTo("composer/recommendations");
        assertThat(frame.path("breakers").path(0).path("state").asString()).isEqualTo("OPEN");
        assertThat(frame.path("sources").path(0).path("retryBudgetLeft").asDouble()).isEqualTo(3.0);
        assertThat(frame.path("chaos").propertyNames()).containsExactly("user", "orders", "recommendations", "catalog");
    }

    @Test
    void aChaosChangeIsAnEventOfTheStream() throws Exception {
        HttpResponse<String> put = send(request("/chaos/recommendations").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"latencyMs\":120}")).build());
        assertThat(put.statusCode()).isEqualTo(200);

        List<JsonNode> frames = frames(f -> f.path("chaosEvents").size() > 0
                && f.path("chaos").path("recommendations").path("latencyMs").asLong() == 120);

        JsonNode event = frames.get(0).path("chaosEvents").path(frames.get(0).path("chaosEvents").size() - 1);
        assertThat(event.path("service").asString()).isEqualTo("recommendations");
        assertThat(event.path("action").asString()).isEqualTo("UPDATE");
        assertThat(event.path("settings").path("latencyMs").asLong()).isEqualTo(120);
        send(request("/chaos/reset").POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Reads the stream until a frame matches; answers it (as a one-element list) within 10 s, else fails. */
    private List<JsonNode> frames(Predicate<JsonNode> until) {
        CompletableFuture<List<JsonNode>> read = CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<Stream<String>> stream = HTTP.send(request("/console/stream")
                        .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
                assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
                try (Stream<String> lines = stream.body()) {
                    return lines.filter(line -> line.startsWith("data:"))
                            .map(line -> JSON.readTree(line.substring("data:".length())))
                            .filter(until)
                            .limit(1)
                            .toList();
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        try {
            return read.get(10, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            read.cancel(true);
            throw new AssertionError("no matching frame on /console/stream within 10 s", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> localFiles(String text) {
        List<String> files = new ArrayList<>();
        Matcher m = LOCAL_FILE.matcher(text);
        while (m.find()) {
            files.add(m.group(1) != null ? m.group(1) : "/console/" + m.group(2));
        }
        return files;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

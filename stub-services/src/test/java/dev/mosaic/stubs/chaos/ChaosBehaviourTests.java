package dev.mosaic.stubs.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import dev.mosaic.stubs.StubServicesTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every chaos knob, observed the way a client of the backend sees it. */
@StubServicesTest
class ChaosBehaviourTests extends StubServicesIntegrationTest {

    private static final String USER_PATH = "/users/u-3";
    /**
     * Slack above an expected delay: generous, because this 2-core machine is shared and a JVM can
     * stall for a second under load; it still catches a delay applied twice or in the wrong unit.
     */
    private static final long SLACK_MS = 4_000;

    @Test
    void fixedLatencyDelaysEveryAnswerByAboutThatMuch() throws Exception {
        client.chaos(Backend.USER, "{\"latencyMs\":250,\"distribution\":\"fixed\"}");

        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = client.backend(Backend.USER, USER_PATH);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(tookMs).isBetween(245L, 250 + SLACK_MS);
        }
    }

    @Test
    void uniformJitterKeepsLatencyWithinItsBand() throws Exception {
        client.chaos(Backend.USER, "{\"latencyMs\":150,\"jitterMs\":100}");

        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            assertThat(client.backend(Backend.USER, USER_PATH).statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(45L, 250 + SLACK_MS);
        }
    }

    @Test
    void errorRateHoldsWithinStatisticalBoundsAndTheSameSeedRepeatsTheSameOutcomes() throws Exception {
        client.chaos(Backend.ORDERS, "{\"errorRate\":0.3,\"errorStatus\":502,\"seed\":42}");
        List<Integer> first = statuses(Backend.ORDERS, "/orders?userId=u-8", 300);
        client.chaos(Backend.ORDERS, "{\"seed\":42}");
        List<Integer> second = statuses(Backend.ORDERS, "/orders?userId=u-8", 300);

        long errors = first.stream().filter(s -> s == 502).count();
        // mean 90, sd 7.9: 4 sd either side
        assertThat(errors).isBetween(58L, 122L);
        assertThat(first).containsOnly(200, 502);
        assertThat(second).as("same seed, same sequence").isEqualTo(first);
    }

    @Test
    void injectedErrorCarriesItsStatusAndAProblemBody() throws Exception {
        client.chaos(Backend.RECOMMENDATIONS, "{\"errorRate\":1,\"errorStatus\":429}");

        HttpResponse<String> response = client.backend(Backend.RECOMMENDATIONS, "/recommendations?userId=u-1");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("X-Mosaic-Chaos")).hasValue("error");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(StubClient.json(response).get("status").intValue()).isEqualTo(429);
    }

    @Test
    void countsServedRequestsByTheChaosTheyGot() throws Exception {
        double before = injectedErrors();
        client.chaos(Backend.RECOMMENDATIONS, "{\"errorRate\":1}");

        client.backend(Backend.RECOMMENDATIONS, "/recommendations?userId=u-1");
        client.backend(Backend.RECOMMENDATIONS, "/recommendations?userId=u-2");

        assertThat(injectedErrors()).isEqualTo(before + 2);
    }

    private double injectedErrors() {
        HttpResponse<String> metrics = client.get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        return metrics.body().lines()
                .filter(line -> line.startsWith("mosaic_stubs_requests_total{")
                        && line.contains("chaos=\"error\"") && line.contains("service=\"recommendations\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no error counter in " + metrics.body()));
    }

    @Test
    void changesApplyToTheVeryNextRequest() throws Exception {
        client.chaos(Backend.USER, "{\"errorRate\":1}");
        assertThat(client.backend(Backend.USER, USER_PATH).statusCode()).isEqualTo(503);

        client.control("DELETE", "/chaos/user", null);
        assertThat(client.backend(Backend.USER, USER_PATH).statusCode()).isEqualTo(200);
    }

    @Test
    void connectionResetByPeerFailsTheClientWithAnIoError() {
        client.chaos(Backend.USER, "{\"fault\":\"CONNECTION_RESET_BY_PEER\"}");

        assertThatThrownBy(() -> client.backend(Backend.USER, USER_PATH)).isInstanceOf(IOException.class);
        assertThat(rawExchange(Backend.USER)).as("nothing but a reset").isEmpty();
    }

    @Test
    void emptyResponseClosesTheConnectionWithoutAByte() {
        client.chaos(Backend.USER, "{\"fault\":\"EMPTY_RESPONSE\"}");

        assertThatThrownBy(() -> client.backend(Backend.USER, USER_PATH)).isInstanceOf(IOException.class);
        assertThat(rawExchange(Backend.USER)).isEmpty();
    }

    @Test
    void malformedChunkSendsAnOkHeadThenABrokenBody() {
        client.chaos(Backend.USER, "{\"fault\":\"MALFORMED_RESPONSE_CHUNK\"}");

        assertThatThrownBy(() -> client.backend(Backend.USER, USER_PATH)).isInstanceOf(IOException.class);
        String raw = rawExchange(Backend.USER);
        assertThat(raw).startsWith("HTTP/1.1 200");
        assertThat(raw).as("no intact body").doesNotContain("\"id\":\"u-3\"");
    }

    @Test
    void randomDataIsGarbageInsteadOfAnHttpResponse() {
        client.chaos(Backend.USER, "{\"fault\":\"RANDOM_DATA_THEN_CLOSE\"}");

        assertThatThrownBy(() -> client.backend(Backend.USER, USER_PATH)).isInstanceOf(IOException.class);
        assertThat(rawExchange(Backend.USER)).isNotEmpty().doesNotStartWith("HTTP/");
    }

    @Test
    void faultRateFaultsOnlyThatShareOfRequests() throws Exception {
        client.chaos(Backend.USER, "{\"fault\":\"EMPTY_RESPONSE\",\"faultRate\":0.5,\"seed\":3}");

        // A fresh connection per request: HttpClient would silently retry a GET whose pooled connection closed.
        int faults = 0;
        for (int i = 0; i < 100; i++) {
            String raw = rawExchange(Backend.USER);
            if (raw.isEmpty()) {
                faults++;
            } else {
                assertThat(raw).startsWith("HTTP/1.1 200");
            }
        }
        // mean 50, sd 5: 4 sd either side
        assertThat(faults).isBetween(30, 70);
    }

    @Test
    void dribbleSpreadsTheBodyOverTheGivenTime() throws Exception {
        client.chaos(Backend.ORDERS, "{\"dribbleMs\":800}");

        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.http().send(
                HttpRequest.newBuilder(client.backendUri(Backend.ORDERS, "/orders?userId=u-2")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readAllBytes();
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(tookMs).as("whole body took").isBetween(700L, 800 + SLACK_MS);
        JsonNode orders = StubClient.JSON.readTree(body);
        assertThat(orders.get("userId").stringValue()).as("the body arrives intact").isEqualTo("u-2");
    }

    @Test
    void downRefusesConnectionsUntilUpAgain() throws Exception {
        int port = servers.port(Backend.RECOMMENDATIONS);
        client.chaos(Backend.RECOMMENDATIONS, "{\"down\":true}");

        assertThatThrownBy(() -> client.backend(Backend.RECOMMENDATIONS, "/recommendations?userId=u-1"))
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

        client.chaos(Backend.RECOMMENDATIONS, "{\"down\":false}");
        assertThat(servers.port(Backend.RECOMMENDATIONS)).as("same port").isEqualTo(port);
        assertThat(client.backend(Backend.RECOMMENDATIONS, "/recommendations?userId=u-1").statusCode()).isEqualTo(200);
    }

    @Test
    void resetBringsADownedServiceBack() throws Exception {
        client.chaos(Backend.ORDERS, "{\"down\":true}");
        assertThatThrownBy(() -> client.backend(Backend.ORDERS, "/orders?userId=u-1")).isInstanceOf(ConnectException.class);

        client.resetChaos();

        assertThat(client.backend(Backend.ORDERS, "/orders?userId=u-1").statusCode()).isEqualTo(200);
    }

    @Test
    void backendThatCannotComeBackIsReportedAndCanBeRetried() throws Exception {
        int port = servers.port(Backend.RECOMMENDATIONS);
        client.chaos(Backend.RECOMMENDATIONS, "{\"down\":true}");

        try (ServerSocket squatter = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            HttpResponse<String> refused = client.control("PUT", "/chaos/recommendations", "{\"down\":false}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(StubClient.json(refused).get("detail").stringValue()).contains(String.valueOf(port));
        }

        client.chaos(Backend.RECOMMENDATIONS, "{\"down\":false}");
        assertThat(client.backend(Backend.RECOMMENDATIONS, "/recommendations?userId=u-1").statusCode()).isEqualTo(200);
    }

    private List<Integer> statuses(Backend backend, String path, int count) throws IOException {
        List<Integer> statuses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            statuses.add(client.backend(backend, path).statusCode());
        }
        return statuses;
    }

    /** Sends one GET over a plain socket and returns whatever bytes come back before the close or reset. */
    private String rawExchange(Backend backend) {
        StringBuilder received = new StringBuilder();
        try (Socket socket = new Socket("127.0.0.1", servers.port(backend))) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + USER_PATH + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int read;
            while ((read = in.read(buffer)) > 0) {
                received.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            // a reset or abrupt close is the point of these faults; keep what arrived before it
        }
        return received.toString();
    }
}

package dev.mosaic.gateway.resilience;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.RawHttp;
import dev.mosaic.gateway.support.RawHttp.Response;
import dev.mosaic.gateway.support.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

import static dev.mosaic.gateway.support.GatewayIntegrationTest.assertRefusedAs413;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client must not open a breaker for everyone: errors the client causes (a body over the limit, a
 * body that stalls, a client that goes away, a 4xx the backend answers) never move a route's circuit
 * breaker, while the upstream's own faults still open it. The breaker minimum is 10 calls at 50 %, so
 * each case below is repeated more than enough to open it if it counted.
 *
 * <p>The body cases use the dashboard's route: a route without retries streams the body to the
 * upstream inside the breaker. (A route with retries, like the backends', has Spring Cloud Gateway read
 * the whole body before the route's filters run, so a body's trouble never gets near its breaker.)
 * The users route has a 500 ms response timeout (base class), the dashboard's 1.5 s.
 */
class ClientFaultsTests extends GatewayIntegrationTest {

    private static final int MORE_THAN_OPENS_IT = 12;

    private final String token = TestTokens.valid("u-1");

    @Autowired
    private CircuitBreakerRegistry breakers;

    @Autowired
    private ReactiveResilience4jBulkheadProvider bulkheads;

    private final ExecutorService clients = Executors.newFixedThreadPool(MORE_THAN_OPENS_IT);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void oversizedChunkedBodiesAre413AndNeverMoveTheBreaker() {
        backends().stubFor(any(urlPathEqualTo("/dashboard/u-1")).willReturn(okJson("{\"userId\":\"u-1\"}")));

        for (int i = 0; i < MORE_THAN_OPENS_IT; i++) {
            // no Content-Length: counted while it streams to the upstream, refused past 1 MB
            Flux<DataBuffer> chunks = Flux.range(0, 20)
                    .map(n -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 * 1024]));
            assertRefusedAs413(() -> client.method(HttpMethod.GET).uri("/api/dashboard/u-1")
                    .header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .contentType(MediaType.APPLICATION_OCTET_STREAM).body(chunks, DataBuffer.class)
                    .exchange());
        }

        assertUntouched("dashboard");
    }

    @Test
    void stalledBodiesAre408ProblemsAndNeverMoveTheBreaker() throws Exception {
        backends().stubFor(any(urlEqualTo("/dashboard/u-1")).willReturn(okJson("{\"userId\":\"u-1\"}")));

        List<CompletableFuture<Response>> answers = new ArrayList<>();
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < MORE_THAN_OPENS_IT; i++) {
            Socket socket = RawHttp.connect(port, Duration.ofSeconds(10));
            sockets.add(socket);
            // 10 of the 1000 bytes it announces, then nothing: the upstream waits, the response timeout fires
            RawHttp.send(socket, headers("GET", "/api/dashboard/u-1", 1000) + "0123456789");
            answers.add(CompletableFuture.supplyAsync(() -> read(socket), clients));
        }

        try {
            for (CompletableFuture<Response> answer : answers) {
                Response response = answer.get();
                assertThat(response.status()).as("a stalled body is the client's fault").isEqualTo(408);
                assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
                assertThat(response.body()).contains("\"type\":\"https://mosaic.dev/problems/request-timeout\"");
            }
        } finally {
            closeAll(sockets);
        }
        assertUntouched("dashboard");
    }

    @Test
    void clientsThatGoAwayMidBodyNeverMoveTheBreaker() throws Exception {
        backends().stubFor(any(urlEqualTo("/dashboard/u-1")).willReturn(okJson("{\"userId\":\"u-1\"}")));

        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < MORE_THAN_OPENS_IT; i++) {
            Socket socket = RawHttp.connect(port, Duration.ofSeconds(10));
            sockets.add(socket);
            RawHttp.send(socket, headers("GET", "/api/dashboard/u-1", 1000) + "0123456789");
        }
        // the upstream records a request only once its body is complete: the bulkhead shows them in flight
        Awaitility.await("every request inside the breaker").atMost(Duration.ofSeconds(10))
                .until(() -> callsInFlight() == MORE_THAN_OPENS_IT);
        closeAll(sockets);

        Awaitility.await("every call ended").atMost(Duration.ofSeconds(10)).until(() -> callsInFlight() == 0);
        assertUntouched("dashboard");
    }

    @Test
    void clientsThatGoAwayWhileWaitingNeverCountAsFailures() throws Exception {
        // an upstream that answers well within its 500 ms response timeout, after the clients left
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{\"id\":\"u-1\"}").withFixedDelay(300)));

        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < MORE_THAN_OPENS_IT; i++) {
            Socket socket = RawHttp.connect(port, Duration.ofSeconds(10));
            sockets.add(socket);
            RawHttp.send(socket, headers("GET", "/api/users/u-1", -1));
        }
        Awaitility.await("every request reached the upstream").atMost(Duration.ofSeconds(10))
                .until(() -> backends().findAll(anyRequestedFor(urlEqualTo("/users/u-1"))).size() == MORE_THAN_OPENS_IT);
        closeAll(sockets);

        Awaitility.await("every call ended").atMost(Duration.ofSeconds(10)).until(() -> callsInFlight() == 0);
        CircuitBreaker users = breakers.circuitBreaker("users");
        assertThat(users.getMetrics().getNumberOfFailedCalls()).as("cancelled calls counted as failures").isZero();
        assertThat(users.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void clientErrorsFromTheBackendNeverCountAsFailures() {
        int[] statuses = {400, 404, 409, 422, 429};
        for (int i = 0; i < 4 * statuses.length; i++) {
            int status = statuses[i % statuses.length];
            backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(aResponse().withStatus(status)));
            client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectStatus().isEqualTo(status);
        }

        CircuitBreaker users = breakers.circuitBreaker("users");
        assertThat(users.getMetrics().getNumberOfFailedCalls()).as("4xx counted as failures").isZero();
        assertThat(users.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void upstreamTimeoutsStillOpenTheBreaker() throws Exception {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}").withFixedDelay(3000)));

        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < MORE_THAN_OPENS_IT; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> client.get().uri("/api/users/u-1")
                    .header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .returnResult(String.class).getStatus().value(), clients));
        }
        for (CompletableFuture<Integer> answer : answers) {
            assertThat(answer.get()).isIn(503, 504);
        }

        assertThat(breakers.circuitBreaker("users").getState()).as("slow upstream opens its breaker")
                .isEqualTo(CircuitBreaker.State.OPEN);
    }

    /** Calls inside some route's circuit breaker right now (the bulkheads' permits in use). */
    private int callsInFlight() {
        return bulkheads.getBulkheadRegistry().getAllBulkheads().stream()
                .mapToInt(b -> b.getMetrics().getMaxAllowedConcurrentCalls() - b.getMetrics().getAvailableConcurrentCalls())
                .sum();
    }

    private void assertUntouched(String route) {
        CircuitBreaker breaker = breakers.circuitBreaker(route);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("failures recorded by " + route).isZero();
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).as("calls recorded by " + route).isZero();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private String headers(String method, String path, int contentLength) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + bearer(token) + "\r\n"
                + (contentLength >= 0 ? "Content-Type: application/octet-stream\r\nContent-Length: " + contentLength + "\r\n" : "")
                + "\r\n";
    }

    private static Response read(Socket socket) {
        try {
            return RawHttp.readResponse(socket);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}

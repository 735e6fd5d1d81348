package dev.mosaic.gateway.server;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.RawHttp;
import dev.mosaic.gateway.support.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and greedy clients over raw sockets: a request whose headers or body never finish is closed
 * within its timeout (short ones here: idle 4 s, request 1 s), thousands of idle connections leave
 * service to others intact, and a connection over the cap is closed at once rather than left hanging.
 */
@TestPropertySource(properties = {
        "server.netty.idle-timeout=4s",
        "mosaic.gateway.server.request-timeout=1s",
        "mosaic.gateway.server.max-connections=" + SlowClientTests.CAP,
})
class SlowClientTests extends GatewayIntegrationTest {

    static final int CAP = 2100;
    private static final int IDLE = 2000;

    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @Test
    void aRequestWhoseHeadersNeverFinishIsClosedAfterTheIdleTimeout() throws IOException {
        Socket socket = open();
        long started = System.nanoTime();
        RawHttp.send(socket, "GET /api/users/u-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");

        String received = RawHttp.readUntilClosed(socket);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(received).as("nothing is answered to half a request").isEmpty();
        assertThat(took).as("closed by the 4 s idle timeout, not at once").isGreaterThan(Duration.ofSeconds(3));
    }

    @Test
    void aBodyThatStopsIsClosedAfterTheRequestTimeout() throws IOException {
        backends().stubFor(any(urlEqualTo("/users/u-1")).willReturn(okJson("{\"id\":\"u-1\"}")));
        Socket socket = open();
        // the users route reads a body in full before it routes (its retries need it), so no route
        // timeout runs yet: only the server's request timeout can end this
        RawHttp.send(socket, "GET /api/users/u-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                + bearer(TestTokens.valid("u-1")) + "\r\nContent-Length: 1000\r\n\r\n0123456789");

        String received = RawHttp.readUntilClosed(socket);

        // closed within the socket's 10 s bound; Reactor Netty fails the body first, so the 408 problem
        // usually makes it out before the close (never a 500 and its stack trace in the log)
        if (!received.isEmpty()) {
            RawHttp.Response response = RawHttp.Response.parse(received);
            assertThat(response.status()).isEqualTo(408);
            assertThat(response.body()).contains("\"type\":\"https://mosaic.dev/problems/request-timeout\"");
        }
    }

    @Test
    void twoThousandIdleConnectionsLeaveServiceToOthersIntact() throws IOException {
        backends().stubFor(any(urlEqualTo("/users/u-1")).willReturn(okJson("{\"id\":\"u-1\"}")));
        for (int i = 0; i < IDLE; i++) {
            open();
        }

        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1"))).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aConnectionOverTheCapIsClosedAtOnceAndServiceReturnsWhenConnectionsGo() throws IOException {
        backends().stubFor(any(urlEqualTo("/users/u-1")).willReturn(okJson("{\"id\":\"u-1\"}")));
        for (int i = 0; i < CAP; i++) {
            open();
        }

        // a handful more, each with a complete request: the server may still hold a few slots (its own
        // count lags the client's), but past the cap a connection is closed without an answer, never hung
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            Socket extra = open();
            RawHttp.send(extra, "GET /api/users/u-1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            if (RawHttp.readUntilClosed(extra).isEmpty()) {
                refused++;
            }
        }
        assertThat(refused).as("connections over the cap of " + CAP + " closed without an answer").isPositive();

        closeSockets();
        sockets.clear();
        Awaitility.await("served again once the idle connections are gone").atMost(Duration.ofSeconds(10))
                .until(() -> client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION,
                        bearer(TestTokens.valid("u-1"))).exchange().returnResult(String.class).getStatus().value() == 200);
    }

    private Socket open() throws IOException {
        Socket socket = RawHttp.connect(port, Duration.ofSeconds(10));
        sockets.add(socket);
        return socket;
    }
}

package dev.mosaic.gateway.security;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.RawHttp;
import dev.mosaic.gateway.support.RawHttp.Response;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's firewall refuses a header holding a control character that Netty's own header
 * validation lets through (a C1 control is one byte on the wire, 0x85 here): a 400 problem, and
 * nothing reaches a backend.
 */
class HeaderFirewallTests extends GatewayIntegrationTest {

    @Test
    void aControlCharacterInAHeaderIsA400Problem() throws IOException {
        String request = "GET /api/users/u-1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.valid("u-1") + "\u0085\r\n\r\n";

        Response response;
        try (Socket socket = RawHttp.connect(port, Duration.ofSeconds(10))) {
            RawHttp.send(socket, request);
            response = RawHttp.readResponse(socket);
        }

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("content-type", "application/problem+json");
        assertThat(response.body()).contains("\"type\":\"https://mosaic.dev/problems/rejected-request\"");
        backends().verify(0, anyRequestedFor(anyUrl()));
    }
}

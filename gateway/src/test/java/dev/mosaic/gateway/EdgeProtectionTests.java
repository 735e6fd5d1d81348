package dev.mosaic.gateway;

import dev.mosaic.gateway.support.TestClients;
import java.net.URI;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.mosaic.gateway.support.GatewayIntegrationTest.assertRefusedAs413;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

/** CORS, security headers, size limits, path tricks and the actuator's absence from the public port. */
class EdgeProtectionTests extends GatewayIntegrationTest {

    private static final String SPA = "http://localhost:5173";

    @Value("${local.management.port}")
    private int managementPort;

    private final String token = TestTokens.valid("u-1");

    @Test
    void corsPreflightFromTheConfiguredSpaOriginIsAllowed() {
        client.options().uri("/api/users/u-1")
                .header(HttpHeaders.ORIGIN, SPA)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,x-request-id")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SPA)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, m -> assertThat(m).contains("GET"));
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void corsPreflightFromAnotherOriginIsRefused() {
        client.options().uri("/api/users/u-1")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void corsResponseExposesTheRequestIdToTheSpa() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));

        client.get().uri("/api/users/u-1").header(HttpHeaders.ORIGIN, SPA)
                .header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SPA)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, h -> assertThat(h).contains("X-Request-Id"));
    }

    @Test
    void problemAnswersKeepCorsHeadersSoTheSpaCanReadThem() {
        var response = client.get().uri("/api/users/u-1").header(HttpHeaders.ORIGIN, SPA).exchange()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, SPA)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, h -> assertThat(h).contains("X-Request-Id"));

        assertProblem(response, 401);
    }

    @Test
    void problemAnswersCarrySecurityHeaders() {
        client.get().uri("/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY");
    }

    @Test
    void responsesCarrySecurityHeaders() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));

        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer");
    }

    @Test
    void bodyOverTheLimitIsA413ProblemAndNeverSent() {
        byte[] body = new byte[1024 * 1024 + 1];

        assertRefusedAs413(() -> client.post().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(body).exchange());
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void bodyWithinTheLimitIsForwarded() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));

        // the routes answer GET and HEAD only; a GET may still carry a body, which goes on
        client.method(HttpMethod.GET).uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"x\"}").exchange()
                .expectStatus().isOk();
    }

    @Test
    void oversizedHeaderIsRejectedWith4xx() {
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("X-Padding", "a".repeat(20 * 1024))
                .exchange()
                .expectStatus().value(status -> assertThat(status).isIn(400, 431));
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void oversizedUrlIsRejectedWith4xx() {
        client.get().uri("/api/users/u-1?pad=" + "a".repeat(10 * 1024)).header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus().value(status -> assertThat(status).isIn(400, 414));
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "{0} is not reachable")
    @ValueSource(strings = {"/actuator", "/actuator/health", "/actuator/env", "/api/../actuator/env",
            "/api/%2e%2e/actuator/env", "/%2e%2e/actuator/env", "/api/users/..%2f..%2factuator/env",
            "/api/users/u-1/../../actuator/env", "/api/users/u-1;/../../actuator", "/api/users/%252e%252e/x"})
    void actuatorAndPathTricksAreNotReachableThroughThePublicPort(String path) {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{\"leak\":true}")));

        var response = client.get().uri(URI.create(baseUrl() + path))
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1", "dashboard:read dashboard:read:any")))
                .exchange();

        response.expectStatus().value(status -> assertThat(status).isIn(400, 404));
        response.expectHeader().contentTypeCompatibleWith(PROBLEM_JSON);
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void actuatorIsServedOnTheManagementPort() {
        TestClients.bindToServer("http://127.0.0.1:" + managementPort).build()
                .get().uri("/actuator/health").exchange()
                .expectStatus().isOk();
    }

    @Test
    void unsupportedMethodIsA405Problem() {
        assertProblem(client.method(HttpMethod.valueOf("TRACE")).uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange(), 405);
    }

    @Test
    void bodyWithoutContentLengthOverTheLimitIsA413Problem() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
        reactor.core.publisher.Flux<org.springframework.core.io.buffer.DataBuffer> chunks = reactor.core.publisher.Flux
                .range(0, 40)
                .map(i -> org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance.wrap(new byte[64 * 1024]));

        assertRefusedAs413(() -> client.method(HttpMethod.GET).uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(chunks, org.springframework.core.io.buffer.DataBuffer.class)
                .exchange());
    }
}

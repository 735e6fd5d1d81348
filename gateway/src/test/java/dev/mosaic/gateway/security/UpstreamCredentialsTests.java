package dev.mosaic.gateway.security;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which upstream sees which credential, read from the upstreams' request journal: the backends see
 * neither the bearer token nor cookies nor client baggage; the composer sees the bearer token (it
 * verifies it itself) and nothing else of the kind.
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamCredentialsTests extends GatewayIntegrationTest {

    private final String token = TestTokens.valid("u-1");

    @BeforeEach
    void everyUpstreamAnswers() {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
    }

    @Test
    void aPassThroughBackendGetsNeitherTheTokenNorCookiesNorBaggage() {
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header(HttpHeaders.COOKIE, "session=secret").header("baggage", "requestId=evil,X-Request-Id=evil")
                .header("X-Request-Id", "creds-1").exchange()
                .expectStatus().isOk();

        LoggedRequest seen = theOne("/users/u-1");
        assertThat(seen.containsHeader(HttpHeaders.AUTHORIZATION)).as("Authorization at the user service").isFalse();
        assertThat(seen.containsHeader(HttpHeaders.COOKIE)).as("Cookie at the user service").isFalse();
        assertThat(seen.containsHeader("baggage")).as("client baggage at the user service").isFalse();
        assertThat(seen.getHeader("X-Request-Id")).isEqualTo("creds-1");
    }

    @Test
    void theComposerGetsTheTokenButNoCookiesNorBaggage() {
        client.get().uri("/api/dashboard/u-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header(HttpHeaders.COOKIE, "session=secret").header("baggage", "X-Request-Id=evil")
                .exchange()
                .expectStatus().isOk();

        LoggedRequest seen = theOne("/dashboard/u-1");
        assertThat(seen.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo(bearer(token));
        assertThat(seen.containsHeader(HttpHeaders.COOKIE)).isFalse();
        assertThat(seen.containsHeader("baggage")).isFalse();
    }

    @Test
    void baggageNeverSetsTheRequestIdThatGoesDownstreamOrComesBackOrIsLogged(CapturedOutput output) {
        String echoed = client.get().uri("/api/me/dashboard").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("baggage", "X-Request-Id=evil-baggage-id,requestId=evil-baggage-id").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Request-Id");

        LoggedRequest seen = theOne("/dashboard/u-1");
        assertThat(echoed).isNotEqualTo("evil-baggage-id");
        // the access line is written by the logging thread: wait for it, then look at everything logged
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getAll()).contains("requestId=" + echoed));
        assertThat(output.getAll()).as("the baggage's request id is logged nowhere").doesNotContain("evil-baggage-id");
        assertThat(seen.getHeader("X-Request-Id")).isEqualTo(echoed);
        assertThat(seen.getAllHeaderKeys()).noneMatch(name -> name.equalsIgnoreCase("baggage"));
    }

    private static LoggedRequest theOne(String path) {
        List<LoggedRequest> requests = backends().findAll(getRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}

package dev.mosaic.gateway.routing;

import java.util.Map;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.newRequestPattern;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pass-through routes answer GET and HEAD only, as the compositions do: any other method is the
 * gateway's own 405 problem with {@code Allow: GET, HEAD}, and the backend never hears of it.
 */
class PassThroughMethodTests extends GatewayIntegrationTest {

    private final String readAny = TestTokens.valid("u-1", "dashboard:read dashboard:read:any");

    @ParameterizedTest(name = "{0} {1} is a 405 problem")
    @CsvSource({
            "POST, /api/users/u-1", "PUT, /api/users/u-1", "PATCH, /api/users/u-1", "DELETE, /api/users/u-1",
            "OPTIONS, /api/users/u-1",
            "POST, /api/orders?userId=u-1", "PUT, /api/orders/o-1", "DELETE, /api/orders/o-1",
            "POST, /api/recommendations?userId=u-1", "DELETE, /api/recommendations?userId=u-1"})
    void otherMethodsAreA405ProblemAndNeverReachTheBackend(String method, String path) {
        backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));

        var response = client.method(HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(readAny))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\":\"x\"}")
                .exchange()
                .expectHeader().valueEquals(HttpHeaders.ALLOW, "GET, HEAD");

        Map<String, Object> problem = assertProblem(response, 405);
        assertThat(problem.get("type").toString()).endsWith("/method-not-allowed");
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void headIsRoutedAsHead() {
        backends().stubFor(any(urlEqualTo("/users/u-1")).willReturn(okJson("{\"id\":\"u-1\"}")));

        client.head().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(readAny)).exchange()
                .expectStatus().isOk()
                .expectBody().isEmpty();

        backends().verify(1, newRequestPattern(RequestMethod.HEAD, urlEqualTo("/users/u-1")));
    }
}

package dev.mosaic.gateway;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.newRequestPattern;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** HEAD is answered wherever GET is at the edge: the dashboards and the pass-through reads, headers and no body. */
class HeadRequestTests extends GatewayIntegrationTest {

    @ParameterizedTest(name = "HEAD {0}")
    @CsvSource({
            "/api/dashboard/u-1, /dashboard/u-1",
            "/api/me/dashboard, /dashboard/u-1",
            "/api/order-detail/o-1, /order-detail/o-1",
            "/api/users/u-1, /users/u-1",
            "/api/orders?userId=u-1, /orders",
    })
    void headIsAnsweredLikeGetWithoutABody(String path, String upstreamPath) {
        backends().stubFor(any(urlPathMatching(".*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Dashboard-Complete", "true")
                .withBody("{\"userId\":\"u-1\"}")));

        byte[] body = client.head().uri(path).header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1")))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Dashboard-Complete", "true")
                .expectBody().returnResult().getResponseBody();

        assertThat(body).as("no body on HEAD").isNullOrEmpty();
        backends().verify(1, newRequestPattern(RequestMethod.HEAD, urlPathEqualTo(upstreamPath)));
    }
}

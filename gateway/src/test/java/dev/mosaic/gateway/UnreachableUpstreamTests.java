package dev.mosaic.gateway;

import dev.mosaic.gateway.support.DeadUpstreamGatewayTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static dev.mosaic.gateway.support.GatewayIntegrationTest.assertProblem;
import static dev.mosaic.gateway.support.GatewayIntegrationTest.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/** An upstream nobody listens on: connect errors are retried for GETs, then a quick 503 problem. */
class UnreachableUpstreamTests extends DeadUpstreamGatewayTest {

    @Test
    void unreachableUpstreamIsA503ProblemWithRetryAfter() {
        var response = client.get().uri("/api/recommendations?userId=u-9")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-9"))).exchange()
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1");

        assertThat(assertProblem(response, 503).get("type").toString()).endsWith("upstream-unavailable");
    }
}

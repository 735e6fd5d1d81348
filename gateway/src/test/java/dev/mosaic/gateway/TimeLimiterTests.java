package dev.mosaic.gateway;

import java.time.Duration;
import java.util.Map;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The circuit breaker's time limiter on its own: the users route has no per-attempt response
 * timeout here (a negative one switches it off), so the only thing that can end a call to an
 * upstream that answers after 5 s is the 300 ms time limit.
 */
@TestPropertySource(properties = {
        "mosaic.gateway.routes.users.response-timeout=-1ms",
        "mosaic.gateway.routes.users.time-limit=300ms",
        "mosaic.gateway.routes.users.retries=0",
})
class TimeLimiterTests extends GatewayIntegrationTest {

    @Test
    void timeLimiterEndsACallTheHttpClientWouldStillWaitForWithA504Problem() {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}").withFixedDelay(5000)));

        long started = System.nanoTime();
        Map<String, Object> problem = assertProblem(client.get().uri("/api/users/u-1")
                .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1"))).exchange(), 504);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(problem.get("type").toString()).endsWith("upstream-timeout");
        // generous bound for a loaded machine; the upstream itself would take 5 s
        assertThat(took).as("ended by the 300 ms time limit, long before the 5 s upstream")
                .isLessThan(Duration.ofMillis(4000));
        backends().verify(1, getRequestedFor(urlEqualTo("/users/u-1")));
    }
}

package dev.mosaic.gateway.security;

import java.util.ArrayList;
import java.util.List;

import dev.mosaic.gateway.support.DeadUpstreamGatewayTest;
import dev.mosaic.gateway.support.TestTokens;
import dev.mosaic.gateway.support.Upstreams;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.mosaic.gateway.support.GatewayIntegrationTest.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token without {@code sub} is refused before the rate limiter (burst 3 here), so such tokens can
 * never share one {@code sub:null} bucket and drain it for each other, or for anyone.
 */
class SubjectlessTokenRateLimitTests extends DeadUpstreamGatewayTest {

    @Test
    void subjectlessTokensAreUnauthorizedAndNeverShareABucket() {
        Upstreams.shared().backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(client.get().uri("/api/orders/o-1")
                    .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.withoutSubject()))
                    .exchange().returnResult(String.class).getStatus().value());
        }

        assertThat(statuses).as("every subject-less token is a 401, none reaches a bucket").containsOnly(401);
    }
}

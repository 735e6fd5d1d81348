package dev.mosaic.gateway.observability;

import dev.mosaic.gateway.support.DependenciesDownGatewayTest;
import dev.mosaic.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static dev.mosaic.gateway.support.GatewayIntegrationTest.bearer;

/** Readiness is the gateway's own: Redis and the identity provider being down do not fail it. */
class ReadinessTests extends DependenciesDownGatewayTest {

    @Test
    void readinessAndLivenessStayUpWithRedisAndTheIdentityProviderDown() {
        // make the gateway meet both outages first: a token to verify (JWK set unreachable → 5xx) and an
        // anonymous request the rate limiter keys by address (Redis unreachable → fails open → 404)
        client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1")))
                .exchange().expectStatus().is5xxServerError();
        client.get().uri("/nowhere").exchange().expectStatus().isNotFound();

        management.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}

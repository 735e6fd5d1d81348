package dev.mosaic.gateway.ratelimit;

import dev.mosaic.gateway.GatewayApplication;
import dev.mosaic.gateway.support.Upstreams;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Redis limit the script cannot keep stops the gateway at start: with {@code 2 × burst <
 * requests-per-second} the script's TTL rounds to 0, the bucket is never stored and nothing is ever
 * limited. Redis need not run for this (the check comes before any connection).
 */
class RedisRateLimitStartupTests {

    @Test
    void aBurstBelowHalfTheRateStopsStartUpNamingBothProperties() {
        assertThatThrownBy(() -> start("--mosaic.gateway.rate-limit.requests-per-second=50",
                "--mosaic.gateway.rate-limit.burst=24"))
                .rootCause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mosaic.gateway.rate-limit.burst (24)")
                .hasMessageContaining("mosaic.gateway.rate-limit.requests-per-second (50)")
                .hasMessageContaining("would never limit")
                .hasMessageContaining("at least 25");
    }

    private static void start(String... limits) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .properties("server.port=0", "management.server.port=0",
                        "mosaic.gateway.rate-limit.store=redis",
                        // nothing listens there: the limiter fails open, and the check runs before it connects
                        "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=1",
                        "mosaic.gateway.security.jwk-set-uri=" + Upstreams.shared().jwkSetUri())
                // as arguments: application.yml's own limits outrank default properties
                .run(limits)) {
            assertThat(context.isActive()).as("the gateway must not start").isFalse();
        }
    }
}

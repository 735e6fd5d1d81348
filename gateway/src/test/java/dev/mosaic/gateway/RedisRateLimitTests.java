package dev.mosaic.gateway;

import dev.mosaic.gateway.support.TestClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.mosaic.gateway.support.RedisServerProcess;
import dev.mosaic.gateway.support.TestTokens;
import dev.mosaic.gateway.support.Upstreams;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.mosaic.gateway.support.GatewayIntegrationTest.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances (two application contexts) against one real {@code redis-server} share one
 * limit per client; with Redis stopped they fail open, counting {@code mosaic.gateway.ratelimit.store.errors}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisRateLimitTests {

    private static RedisServerProcess redis;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startRedisAndTwoGateways() {
        redis = RedisServerProcess.startOrSkip();
        first = startGateway();
        second = startGateway();
        // a fresh instance's first request is slow (cold JIT, the first JWK set fetch, the first Redis
        // connection); the counting tests below must not straddle extra whole-second refills because of it
        Upstreams.shared().backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {first, second}) {
            clientOf(instance).get().uri("/api/users/warm-up")
                    .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("warm-up"))).exchange()
                    .expectStatus().isOk();
        }
    }

    @AfterAll
    static void stopEverything() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @BeforeEach
    void usersAnswer() {
        Upstreams.shared().backends().stubFor(any(anyUrl()).willReturn(okJson("{}")));
    }

    @Test
    @Order(1)
    void twoInstancesShareOneLimitPerClient() {
        // a first request per instance (another client) pays for the cold path (JIT, JWK set, Redis
        // connection): a first call slower than a second would let the bucket refill mid-count
        for (ConfigurableApplicationContext instance : List.of(first, second)) {
            clientOf(instance).get().uri("/api/users/warm-up").header(HttpHeaders.AUTHORIZATION,
                    bearer(TestTokens.valid("warm-up"))).exchange().expectStatus().isOk();
        }
        String token = TestTokens.valid("shared-1");
        List<Integer> statuses = new ArrayList<>();
        Set<Integer> instancesThatRejected = new HashSet<>();
        long started = System.nanoTime();
        // burst 4 per client, alternating instances: separate buckets would allow all 8
        for (int i = 0; i < 8; i++) {
            WebTestClient client = clientOf(i % 2 == 0 ? first : second);
            int status = client.get().uri("/api/users/shared-1").header(HttpHeaders.AUTHORIZATION, bearer(token))
                    .exchange().returnResult(String.class).getStatus().value();
            statuses.add(status);
            if (status == 429) {
                instancesThatRejected.add(i % 2);
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        // the script refills one token per whole second of Redis time, at any point of the loop: a
        // loop that spans less than n seconds can cross at most n second boundaries
        long refills = elapsed.toSeconds() + 1;
        assertThat(statuses.stream().filter(s -> s == 200).count())
                .as("200s among %s in %s ms: the burst plus at most %s refill(s)", statuses, elapsed.toMillis(), refills)
                .isBetween(4L, 4L + refills);
        assertThat(instancesThatRejected).as("instances that answered 429 in %s", statuses).isNotEmpty();
        if (refills == 1) {
            // four rejections left, alternating: one refill can spare at most one of them
            assertThat(instancesThatRejected).as("both instances reject from the shared bucket: %s", statuses)
                    .containsExactlyInAnyOrder(0, 1);
        }
    }

    @Test
    @Order(2)
    void sharedBucketReportsRemainingTokens() {
        String token = TestTokens.valid("shared-2");

        clientOf(second).get().uri("/api/users/shared-2").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-RateLimit-Remaining", "3");
        clientOf(first).get().uri("/api/users/shared-2").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                .expectStatus().isOk()
                .expectHeader().value("X-RateLimit-Remaining", r -> assertThat(Integer.parseInt(r)).isLessThanOrEqualTo(3));
    }

    @Test
    @Order(3)
    void withRedisStoppedRequestsFailOpenAndAreCounted() {
        redis.stop();
        String token = TestTokens.valid("shared-3");
        MeterRegistry meters = first.getBean(MeterRegistry.class);
        double before = storeErrors(meters);

        for (int i = 0; i < 6; i++) {
            clientOf(first).get().uri("/api/users/shared-3").header(HttpHeaders.AUTHORIZATION, bearer(token)).exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist("X-RateLimit-Remaining");
        }

        assertThat(storeErrors(meters) - before).isEqualTo(6.0);
    }

    private static double storeErrors(MeterRegistry meters) {
        return meters.get("mosaic.gateway.ratelimit.store.errors").counter().count();
    }

    private static WebTestClient clientOf(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return TestClients.bindToServer("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    private static ConfigurableApplicationContext startGateway() {
        Upstreams upstreams = Upstreams.shared();
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port(),
                "--mosaic.gateway.rate-limit.requests-per-second=1",
                "--mosaic.gateway.rate-limit.burst=4",
                // generous for a loaded CI machine; the production default is 100 ms
                "--mosaic.gateway.rate-limit.redis-timeout=2s",
                "--mosaic.gateway.user-url=" + upstreams.backendsUrl(),
                "--mosaic.gateway.security.jwk-set-uri=" + upstreams.jwkSetUri(),
                "--mosaic.gateway.security.issuer=" + TestTokens.ISSUER);
    }
}

package dev.mosaic.composer.overload;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mosaic.composer.resilience.ResilienceRegistries;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

/**
 * Over a concurrency limit Mosaic sheds at once, and says so: at the composer's door a 503
 * problem+json {@code overloaded} with {@code Retry-After}; per source a section {@code OVERLOADED}
 * that is never counted against the backend's circuit and never retried. The limits are pinned
 * (min = initial = max) so that the test decides exactly when they are full.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "mosaic.composer.client.connect-timeout=253ms",
        "mosaic.composer.deadline=5s",
        "mosaic.composer.sources.user.timeout=4s",
        "mosaic.composer.sources.orders.timeout=4s",
        "mosaic.composer.admission.initial-limit=2",
        "mosaic.composer.admission.min-limit=2",
        "mosaic.composer.admission.max-limit=2",
        "mosaic.composer.sources.orders.concurrency-limit.enabled=true",
        "mosaic.composer.sources.orders.concurrency-limit.initial-limit=1",
        "mosaic.composer.sources.orders.concurrency-limit.min-limit=1",
        "mosaic.composer.sources.orders.concurrency-limit.max-limit=1" })
@DirtiesContext
class ConcurrencyLimitsTests {

    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ResilienceRegistries registries;

    private WebTestClient client;
    private WebClient background;
    private Disposable held;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        Backends.registerAsEverySource(registry);
    }

    @BeforeEach
    void setUp() {
        Backends.resetToHealthy();
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        background = WebClient.create("http://127.0.0.1:" + port);
    }

    @AfterEach
    void releaseHeldRequests() {
        if (held != null) {
            held.dispose();
        }
        Backends.resetToHealthy();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("door") == 0 && inFlight("orders") == 0);
    }

    private double inFlight(String limit) {
        return meters.get("mosaic.concurrency.in.flight").tag("limit", limit).gauge().value();
    }

    private static String freshUser() {
        return "limits-" + USERS.incrementAndGet();
    }

    @Test
    void overTheDoorsLimitARequestIs503AtOnce() {
        String slow = "slow-" + USERS.incrementAndGet();
        Backends.stub(get(urlPathMatching("/users/" + slow + "-.*")).willReturn(Backends.json(Backends.USER_JSON)
                .withFixedDelay(3000)));
        held = reactor.core.publisher.Flux.range(0, 2)
                .flatMap(i -> background.get().uri("/dashboard/{id}", slow + "-" + i).retrieve()
                        .toBodilessEntity().onErrorResume(e -> reactor.core.publisher.Mono.empty()))
                .subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("door") == 2);

        client.get().uri("/dashboard/{id}", freshUser()).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/overloaded")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.traceId").isNotEmpty();
        assertThat(meters.get("mosaic.concurrency.rejected").tag("limit", "door").functionCounter().count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void overASourcesLimitTheSectionIsOverloadedAndTheCircuitIsUntouched() {
        String slow = "slow-" + USERS.incrementAndGet();
        Backends.stub(get(urlPathEqualTo("/orders")).atPriority(1)
                .withQueryParam("userId", com.github.tomakehurst.wiremock.client.WireMock.equalTo(slow))
                .willReturn(Backends.json(Backends.ORDERS_JSON).withFixedDelay(3000)));
        held = background.get().uri("/dashboard/{id}", slow).retrieve().toBodilessEntity()
                .onErrorResume(e -> reactor.core.publisher.Mono.empty()).subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight("orders") == 1);
        registries.circuitBreakers().circuitBreaker("orders").reset();

        client.get().uri("/dashboard/{id}", freshUser()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.meta.sections.orders.status").isEqualTo("FAILED")
                .jsonPath("$.meta.sections.orders.reason").isEqualTo("OVERLOADED")
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(0)
                .jsonPath("$.meta.sections.user.status").isEqualTo("OK");
        var metrics = registries.circuitBreakers().circuitBreaker("orders").getMetrics();
        assertThat(metrics.getNumberOfFailedCalls()).isZero();
        assertThat(metrics.getNumberOfSuccessfulCalls()).isZero();
    }
}

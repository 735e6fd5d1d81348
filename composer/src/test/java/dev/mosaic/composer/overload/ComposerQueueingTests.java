package dev.mosaic.composer.overload;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import java.util.concurrent.atomic.AtomicInteger;

import dev.mosaic.composer.resilience.ResilienceRegistries;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A busy composer must not trip a healthy backend's circuit: time the composer's own queueing (here,
 * waiting for the one pooled connection) is not the backend's. Orders answers in a steady 1.5 s,
 * inside its 2.5 s per-attempt timeout; two requests at once share one connection, so the second
 * waits about 1.5 s for it. Timed from subscription it would time out at 2.5 s and count against the
 * orders circuit; timed from when its request is sent it is simply a 3 s answer, inside the 12 s
 * deadline.
 * (Margins are wide on purpose: the machine running the tests may be busy.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        ComposerIntegrationTest.DISTINCT_BACKEND_POOL,
        "mosaic.composer.client.max-connections=1",
        "mosaic.composer.client.pending-acquire-timeout=10s",
        "mosaic.composer.deadline=12s",
        "mosaic.composer.sources.orders.timeout=2500ms" })
@DirtiesContext
class ComposerQueueingTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    ResilienceRegistries registries;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        Backends.registerAsEverySource(registry);
    }

    @BeforeEach
    void warmAndHealthyBackends() {
        Backends.resetToHealthy();
        // a cold context's first calls load classes and open the connection: keep that out of the test
        WebClient.create("http://127.0.0.1:" + port).get().uri("/dashboard/warm-up?include=orders").retrieve()
                .toBodilessEntity().block(Duration.ofSeconds(20));
        registries.circuitBreakers().circuitBreaker("orders").reset();
    }

    private static String freshUser() {
        return "queueing-" + USERS.incrementAndGet();
    }

    @Test
    void waitingForAConnectionIsNotCountedAgainstTheBackend() {
        Backends.stub(get(urlPathEqualTo("/orders")).willReturn(Backends.json(Backends.ORDERS_JSON)
                .withFixedDelay(1500)));
        List<String> users = IntStream.range(0, 2).mapToObj(i -> freshUser()).toList();

        // WebTestClient's exchange() waits for its answer: both go out at once through WebClient
        WebClient web = WebClient.create("http://127.0.0.1:" + port);
        List<JsonNode> bodies = Flux.fromIterable(users)
                .flatMap(user -> web.get().uri("/dashboard/{id}?include=orders", user).retrieve().bodyToMono(String.class), 2)
                .map(JSON::readTree)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(bodies).hasSize(2).allSatisfy(body -> {
            JsonNode orders = body.path("meta").path("sections").path("orders");
            assertThat(orders.path("status").asString()).as(orders.toString()).isEqualTo("OK");
            assertThat(orders.path("attempts").asInt()).as(orders.toString()).isEqualTo(1);
        });
        assertThat(registries.circuitBreakers().circuitBreaker("orders").getMetrics().getNumberOfFailedCalls())
                .isZero();
    }
}

package dev.mosaic.composer.tail;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Hedging over loopback: orders hedged after a fixed 500 ms. A straggling first call (3 s) loses to
 * its hedge, the section says {@code hedged: true}, and the meters count the hedge sent and won; a
 * prompt answer is never hedged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "mosaic.composer.client.connect-timeout=254ms",
        "mosaic.composer.sources.orders.timeout=4s",
        "mosaic.composer.deadline=5s",
        "mosaic.composer.sources.orders.hedge.enabled=true",
        "mosaic.composer.sources.orders.hedge.delay=500ms",
        "mosaic.composer.sources.orders.hedge.budget.ratio=1.0" })
@DirtiesContext
class HedgingTests {

    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private WebTestClient client;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        Backends.registerAsEverySource(registry);
    }

    @BeforeEach
    void setUp() {
        Backends.resetToHealthy();
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    private double hedges(String event) {
        return meters.get("mosaic.hedges").tag("source", "orders").tag("event", event).counter().count();
    }

    @Test
    void aStragglerLosesToItsHedge() {
        String user = ComposerIntegrationTest.class.getSimpleName() + "-hedge-" + USERS.incrementAndGet();
        String scenario = "straggler-" + user;
        // the first call straggles; whatever comes next answers at once
        Backends.stub(get(urlPathEqualTo("/orders")).atPriority(1).withQueryParam("userId", equalTo(user))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("hedged")
                .willReturn(Backends.json(Backends.ORDERS_JSON).withFixedDelay(3000)));
        Backends.stub(get(urlPathEqualTo("/orders")).atPriority(1).withQueryParam("userId", equalTo(user))
                .inScenario(scenario).whenScenarioStateIs("hedged")
                .willReturn(Backends.json(Backends.ORDERS_JSON)));
        double sent = hedges("sent");
        double won = hedges("won");

        client.get().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.meta.sections.orders.status").isEqualTo("OK")
                .jsonPath("$.meta.sections.orders.hedged").isEqualTo(true)
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(2)
                .jsonPath("$.meta.sections.orders.latencyMs").value(latency ->
                        assertThat(((Number) latency).longValue()).isLessThan(3000))
                .jsonPath("$.meta.sections.user.hedged").doesNotExist();

        assertThat(hedges("sent")).isEqualTo(sent + 1);
        assertThat(hedges("won")).isEqualTo(won + 1);
        assertThat(Backends.requests("/orders").stream().filter(r -> r.getUrl().contains(user))).hasSize(2);
    }

    @Test
    void aPromptAnswerIsNeverHedged() {
        // a cold context's first call may straggle (classes, connections) and be hedged: not this one
        client.get().uri("/dashboard/warm-up").exchange().expectStatus().isOk();
        String user = "prompt-" + USERS.incrementAndGet();
        double sent = hedges("sent");

        client.get().uri("/dashboard/{id}", user).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.meta.sections.orders.attempts").isEqualTo(1)
                .jsonPath("$.meta.sections.orders.hedged").doesNotExist();

        assertThat(hedges("sent")).isEqualTo(sent);
    }
}

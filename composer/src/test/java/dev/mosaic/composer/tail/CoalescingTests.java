package dev.mosaic.composer.tail;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.mosaic.composer.support.Backends;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Coalescing over loopback: twenty dashboards of one user at once, with orders taking 1.5 s, make one
 * orders call (read from WireMock's journal), and every answer is complete.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "mosaic.composer.client.connect-timeout=255ms",
        "mosaic.composer.sources.orders.timeout=4s",
        "mosaic.composer.sources.user.timeout=3s",
        "mosaic.composer.sources.recommendations.timeout=3s",
        "mosaic.composer.deadline=6s",
        "mosaic.composer.sources.orders.coalescing.enabled=true" })
@DirtiesContext
class CoalescingTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        Backends.registerAsEverySource(registry);
    }

    @BeforeEach
    void warmAndHealthy() {
        Backends.resetToHealthy();
        // a cold context's first calls load classes and open connections: keep that out of the test
        WebClient.create("http://127.0.0.1:" + port).get().uri("/dashboard/warm-up").retrieve().toBodilessEntity()
                .block(Duration.ofSeconds(20));
    }

    @Test
    void aHerdForOneUserMakesOneOrdersCall() {
        Backends.stub(get(urlPathEqualTo("/orders")).atPriority(1)
                .willReturn(Backends.json(Backends.ORDERS_JSON).withFixedDelay(1500)));
        WebClient web = WebClient.create("http://127.0.0.1:" + port);

        List<JsonNode> answers = Flux.range(0, 20)
                .flatMap(i -> web.get().uri("/dashboard/herd-1").exchangeToMono(r -> r.bodyToMono(String.class)), 20)
                .map(JSON::readTree)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(answers).hasSize(20).allSatisfy(answer -> {
            assertThat(answer.path("meta").path("complete").asBoolean()).as(answer.toString()).isTrue();
            assertThat(answer.path("orders").isArray()).isTrue();
        });
        assertThat(Backends.requests("/orders").stream().filter(r -> r.getUrl().contains("herd-1")))
                .as("orders calls for the herd's user").hasSize(1);
        long joined = answers.stream()
                .filter(a -> a.path("meta").path("sections").path("orders").path("attempts").asInt() == 0).count();
        assertThat(joined).as("answers that joined the one call").isEqualTo(19);
        assertThat(meters.get("mosaic.coalesced").tag("source", "orders").tag("kind", "in-flight")
                .functionCounter().count()).isEqualTo(19);
    }
}

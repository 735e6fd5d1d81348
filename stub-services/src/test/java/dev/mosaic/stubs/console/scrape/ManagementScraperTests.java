package dev.mosaic.stubs.console.scrape;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** The console's reads of a management endpoint, against a real server on loopback. */
class ManagementScraperTests {

    private static final WireMockServer management = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private final ManagementScraper scraper = new ManagementScraper(TIMEOUT, Clock.systemUTC());

    @BeforeAll
    static void start() {
        management.start();
    }

    @AfterAll
    static void stop() {
        management.stop();
    }

    private URI url(String prefix) {
        return URI.create("http://127.0.0.1:" + management.port() + prefix);
    }

    @Test
    void readsTheSamplesOfAManagementEndpoint() {
        management.stubFor(get("/ok/actuator/prometheus").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain;version=0.0.4")
                .withBody("resilience4j_circuitbreaker_state{name=\"orders\",state=\"open\"} 1.0\n")));

        StepVerifier.create(scraper.scrape("composer", url("/ok/")))
                .assertNext(scrape -> {
                    assertThat(scrape.reachable()).isTrue();
                    assertThat(scrape.part()).isEqualTo("composer");
                    assertThat(scrape.url()).as("trailing slash dropped").isEqualTo(url("/ok").toString());
                    assertThat(scrape.samples().sum("resilience4j_circuitbreaker_state", s -> s.is("state", "open"))).isEqualTo(1.0);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void anErrorAnswerIsUnreachableWithItsStatus() {
        management.stubFor(get("/failing/actuator/prometheus").willReturn(aResponse().withStatus(503)));

        StepVerifier.create(scraper.scrape("gateway", url("/failing")))
                .assertNext(scrape -> {
                    assertThat(scrape.reachable()).isFalse();
                    assertThat(scrape.unreachable()).isEqualTo("HTTP 503");
                    assertThat(scrape.samples().counts()).isEmpty();
                })
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aPartThatIsNotListeningIsConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        StepVerifier.create(scraper.scrape("composer", URI.create("http://127.0.0.1:" + closedPort)))
                .assertNext(scrape -> assertThat(scrape.unreachable()).isEqualTo("connection refused"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aPartThatDoesNotAnswerInTimeIsUnreachableAfterTheTimeout() {
        management.stubFor(get("/slow/actuator/prometheus").willReturn(aResponse().withStatus(200).withFixedDelay(3000)));

        Duration took = StepVerifier.create(scraper.scrape("gateway", url("/slow")))
                .assertNext(scrape -> assertThat(scrape.unreachable()).isEqualTo("no answer within 400 ms"))
                .expectComplete()
                .verify(Duration.ofSeconds(5));
        assertThat(took).as("bounded by the timeout, not the slow answer").isLessThan(Duration.ofMillis(2500));
    }
}

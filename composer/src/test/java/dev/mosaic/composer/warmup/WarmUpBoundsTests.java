package dev.mosaic.composer.warmup;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mosaic.composer.resilience.ResilienceRegistries;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The warm-up never fails or stalls start-up: nothing listening answers at once, a server that
 * hangs is cut at {@code max-duration}; either way the circuit breakers end up reset.
 */
class WarmUpBoundsTests {

    @Test
    void nothingListeningEndsTheWarmUpAtOnceAndResetsTheBreakers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ResilienceRegistries registries = registriesWithAnOpenBreaker();

        long took = run(warmUp(closedPort, Duration.ofSeconds(20), registries));

        assertThat(took).as("ms").isLessThan(10_000);
        assertThat(registries.circuitBreakers().circuitBreaker("user").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aServerThatHangsIsCutAtTheMaximumDuration() throws Exception {
        WireMockServer hanging = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .asynchronousResponseEnabled(true));
        hanging.start();
        try {
            hanging.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(30_000)));
            ResilienceRegistries registries = registriesWithAnOpenBreaker();
            WarmUp warmUp = warmUp(hanging.port(), Duration.ofMillis(500), registries);

            long took = run(warmUp);

            assertThat(took).as("ms").isBetween(400L, 5_000L);
            assertThat(warmUp.done()).isTrue();
            assertThat(registries.circuitBreakers().circuitBreaker("user").getState())
                    .isEqualTo(CircuitBreaker.State.CLOSED);
        } finally {
            hanging.stop();
        }
    }

    @Test
    void disabledItDoesNothing() {
        ResilienceRegistries registries = registriesWithAnOpenBreaker();
        WarmUp warmUp = new WarmUp(new WarmUpProperties(false, 300, 4, Duration.ofSeconds(20)),
                new MockEnvironment().withProperty("local.server.port", "1"), registries, WebClient.builder());

        warmUp.run(new DefaultApplicationArguments());

        assertThat(warmUp.done()).isTrue();
        assertThat(registries.circuitBreakers().circuitBreaker("user").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    private static WarmUp warmUp(int port, Duration maxDuration, ResilienceRegistries registries) {
        return new WarmUp(new WarmUpProperties(true, 50, 4, maxDuration),
                new MockEnvironment().withProperty("local.server.port", Integer.toString(port)), registries,
                WebClient.builder());
    }

    private static ResilienceRegistries registriesWithAnOpenBreaker() {
        ResilienceRegistries registries = ResilienceRegistries.ofDefaults();
        registries.circuitBreakers().circuitBreaker("user").transitionToOpenState();
        return registries;
    }

    private static long run(WarmUp warmUp) {
        long started = System.nanoTime();
        warmUp.run(new DefaultApplicationArguments());
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}

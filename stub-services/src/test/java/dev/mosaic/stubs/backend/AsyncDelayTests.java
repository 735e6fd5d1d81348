package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Delays must not hold a server thread. With only a handful of Jetty threads, {@value #REQUESTS}
 * concurrent requests against a {@value #DELAY_MS} ms delay would take
 * {@code REQUESTS / threads × DELAY} (several seconds) if each delay slept on a thread; with
 * asynchronous responses they all finish in about one delay.
 */
@FewThreadsStubServicesTest
class AsyncDelayTests {

    static final int CONTAINER_THREADS = FewThreadsStubServicesTest.CONTAINER_THREADS;
    static final int REQUESTS = 150;
    static final int DELAY_MS = 300;

    @LocalServerPort
    int controlPort;

    @Autowired
    BackendServers servers;

    StubClient client;

    @AfterEach
    void quietBackends() {
        client.resetChaos();
    }

    @Test
    void concurrentDelayedRequestsAllFinishInAboutOneDelay() {
        client = new StubClient(controlPort, servers);
        client.chaos(Backend.USER, "{\"latencyMs\":" + DELAY_MS + ",\"distribution\":\"fixed\"}");

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, REQUESTS)
                .mapToObj(i -> client.http().sendAsync(
                        HttpRequest.newBuilder(client.backendUri(Backend.USER, "/users/u-" + (i + 1)))
                                .timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(calls).allSatisfy(call -> assertThat(call.join().statusCode()).isEqualTo(200));
        long threadBound = (long) REQUESTS / CONTAINER_THREADS * DELAY_MS;
        assertThat(tookMs)
                .as("%d requests delayed %d ms each; a thread per delay would need >= %d ms", REQUESTS, DELAY_MS, threadBound)
                .isGreaterThanOrEqualTo(DELAY_MS)
                .isLessThan(threadBound * 2 / 3);
    }
}

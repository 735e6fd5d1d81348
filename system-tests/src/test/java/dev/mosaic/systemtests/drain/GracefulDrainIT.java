package dev.mosaic.systemtests.drain;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.mosaic.systemtests.stack.Backend;
import dev.mosaic.systemtests.stack.ExtraInstance;
import dev.mosaic.systemtests.stack.Http;
import dev.mosaic.systemtests.stack.MosaicStack;
import dev.mosaic.systemtests.stack.MosaicStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to a real gateway and a real composer while requests are in flight against a slow backend
 * (the stubs' user service at 1.2 s): readiness goes 503 at once, every request in flight completes
 * with 200, an answer on a kept-alive connection says {@code Connection: close}, an idle kept-alive
 * connection is closed, new connections are refused once the drain delay (2 s, the default) is over,
 * and the JVM exits within the drain delay plus {@code spring.lifecycle.timeout-per-shutdown-phase}
 * (20 s). Its own gateway → composer pair beside the shared stack, whose stubs it uses.
 */
@ExtendWith(MosaicStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(5)
class GracefulDrainIT {

    private static final Duration DRAIN_DELAY = Duration.ofSeconds(2);
    private static final Duration SHUTDOWN_PHASE = Duration.ofSeconds(20);
    private static final int IN_FLIGHT = 8;
    private static final int SLOW_USER_MS = 1200;

    private final MosaicStack stack;
    private ExtraInstance composer;
    private ExtraInstance gateway;
    private String token;

    GracefulDrainIT(MosaicStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    void startAPairOfTheirOwn() {
        composer = ExtraInstance.composer(stack, "drain-composer", List.of(
                "--mosaic.composer.deadline=5s", "--mosaic.composer.sources.user.timeout=3s"));
        gateway = ExtraInstance.gateway(stack, "drain-gateway", List.of(composer), List.of(
                "--mosaic.gateway.rate-limit.enabled=false",
                "--mosaic.gateway.routes.dashboard.response-timeout=4s",
                "--mosaic.gateway.routes.dashboard.time-limit=4500ms",
                "--mosaic.gateway.routes.dashboard.retries=0",
                "--mosaic.gateway.routes.dashboard.count-server-errors=false"));
        ExtraInstance.awaitReady(composer, gateway);
        token = stack.stubs().token("drain", "dashboard:read dashboard:read:any");
    }

    @AfterAll
    void stopWhatIsLeft() {
        stack.stubs().resetChaos();
        if (gateway != null) {
            gateway.close();
        }
        if (composer != null) {
            composer.close();
        }
    }

    @Test
    @Order(1)
    void aGatewayFinishesWhatIsInFlightAndClosesItsConnections() throws Exception {
        drains(gateway, "/openapi.json", user -> Http.get(gateway.url() + "/api/dashboard/" + user)
                .header("Authorization", "Bearer " + token));
    }

    @Test
    @Order(2)
    void aComposerFinishesWhatIsInFlightAndClosesItsConnections() throws Exception {
        drains(composer, "/dashboard/u-1", user -> Http.get(composer.url() + "/dashboard/" + user));
    }

    private void drains(ExtraInstance instance, String quickPath,
            java.util.function.Function<String, java.net.http.HttpRequest.Builder> dashboard) throws Exception {
        stack.stubs().resetChaos();
        try (KeptAliveConnection idle = new KeptAliveConnection(instance.port());
             KeptAliveConnection busy = new KeptAliveConnection(instance.port())) {
            assertThat(idle.get(quickPath).status()).isEqualTo(200);
            assertThat(busy.get(quickPath).status()).isEqualTo(200);

            stack.stubs().chaos(Backend.USER, "{\"latencyMs\":" + SLOW_USER_MS + "}");
            stack.stubs().clearJournal(Backend.USER);
            List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                inFlight.add(Http.sendAsync(dashboard.apply("u-" + (801 + i))));
            }
            await("every dashboard waiting on the slow user service").atMost(Duration.ofSeconds(10))
                    .until(() -> stack.stubs().journal(Backend.USER).size() >= IN_FLIGHT);

            long terminated = System.nanoTime();
            instance.terminate();

            await("readiness 503 on the management port").atMost(Duration.ofMillis(1500))
                    .pollInterval(Duration.ofMillis(50)).until(() -> instance.readiness() == 503);
            KeptAliveConnection.Answer duringDrain = busy.get(quickPath);
            assertThat(duringDrain.status()).as("an answer during the drain").isEqualTo(200);
            assertThat(duringDrain.closesConnection()).as("it says Connection: close:\n%s", duringDrain.head()).isTrue();
            assertThat(busy.closedByServerWithin(Duration.ofSeconds(2))).as("and closes it after the answer").isTrue();

            for (CompletableFuture<HttpResponse<String>> request : inFlight) {
                HttpResponse<String> response = request.get(10, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as("a request in flight at SIGTERM: %s", response.body()).isEqualTo(200);
                assertThat(response.body()).contains("\"complete\":true");
            }
            assertThat(idle.closedByServerWithin(DRAIN_DELAY.plusSeconds(5)))
                    .as("an idle kept-alive connection is closed once the drain is over").isTrue();
            await("new connections refused").atMost(DRAIN_DELAY.plusSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !accepts(instance.port()));
            assertThat(instance.awaitExit(DRAIN_DELAY.plus(SHUTDOWN_PHASE).plusSeconds(10)))
                    .as("%s exits within the drain and the shutdown phase", instance).isTrue();
            System.out.printf("%s: exited %d ms after SIGTERM%n", instance,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - terminated));
        }
        finally {
            stack.stubs().resetChaos();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        }
        catch (IOException refused) {
            return false;
        }
    }
}

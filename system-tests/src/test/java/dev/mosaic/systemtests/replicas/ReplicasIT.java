package dev.mosaic.systemtests.replicas;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.mosaic.systemtests.prometheus.PrometheusScrape;
import dev.mosaic.systemtests.stack.Backend;
import dev.mosaic.systemtests.stack.ExtraInstance;
import dev.mosaic.systemtests.stack.FreePorts;
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
 * What {@code ./mosaic up --replicas 2} runs, as processes: two composers, two gateways configured with
 * both composers and one Redis for the shared rate limit, behind a local nginx, beside the shared
 * stack whose stubs they call. Proves that the rate limit is shared (one client over it across both
 * gateways is refused as by one), that SIGTERM of a gateway under load loses nothing, and that SIGKILL
 * of a composer under load loses at most the requests it held, each a 502/503 problem+json, none hung.
 */
@ExtendWith(MosaicStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(6)
class ReplicasIT {

    private static final int RATE_PER_CLIENT = 1;
    private static final int BURST = 10;
    private static final int LOAD_RATE = 20;
    private static final Duration LOAD = Duration.ofSeconds(8);
    private static final Duration EVENT_AT = Duration.ofSeconds(3);
    private static final Duration NEVER_LONGER = Duration.ofSeconds(8);
    /**
     * Generous timeouts: this test counts requests lost to an instance going away, not slow ones (a
     * busy 2-core machine running four cold JVMs, nginx, Redis and the shared stack is slow).
     */
    private static final List<String> PATIENT_COMPOSER = List.of("--mosaic.composer.deadline=5s",
            "--mosaic.composer.sources.user.timeout=3s", "--mosaic.composer.sources.orders.timeout=3s",
            "--mosaic.composer.sources.recommendations.timeout=3s", "--mosaic.composer.client.pending-acquire-timeout=3s");
    private static final int USERS = 80;

    private final MosaicStack stack;
    private final List<ExtraInstance> composers = new ArrayList<>();
    private final List<ExtraInstance> gateways = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private Process redis;
    private Process nginx;
    private int edgePort;

    ReplicasIT(MosaicStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    void startTwoOfEachBehindNginx() throws Exception {
        Path logs = Path.of(System.getProperty("mosaic.system-tests.logs", "target/system-tests-logs"));
        int redisPort = FreePorts.take();
        redis = LocalBalancer.redis(redisPort, logs);
        composers.add(ExtraInstance.composer(stack, "replica-composer-1", PATIENT_COMPOSER));
        composers.add(ExtraInstance.composer(stack, "replica-composer-2", PATIENT_COMPOSER));
        List<String> gatewayArgs = List.of("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
                "--mosaic.gateway.routes.dashboard.response-timeout=6s", "--mosaic.gateway.routes.dashboard.time-limit=6500ms",
                "--mosaic.gateway.routes.dashboard.retries=0", "--mosaic.gateway.routes.dashboard.count-server-errors=false",
                "--mosaic.gateway.rate-limit.store=redis",
                "--mosaic.gateway.rate-limit.requests-per-second=" + RATE_PER_CLIENT,
                "--mosaic.gateway.rate-limit.burst=" + BURST);
        gateways.add(ExtraInstance.gateway(stack, "replica-gateway-1", composers, gatewayArgs));
        gateways.add(ExtraInstance.gateway(stack, "replica-gateway-2", composers, gatewayArgs));
        ExtraInstance.awaitReady(composers.get(0), composers.get(1), gateways.get(0), gateways.get(1));
        edgePort = FreePorts.take();
        nginx = LocalBalancer.nginx(edgePort, gateways.stream().map(ExtraInstance::port).toList(), logs.resolve("replicas-nginx"));
        await("nginx in front of both gateways").atMost(Duration.ofSeconds(20)).ignoreExceptions()
                .until(() -> Http.send(Http.get(edge() + "/openapi.json")).statusCode() == 200);
        for (int i = 1; i <= USERS; i++) {
            tokens.add(stack.stubs().token("u-" + i, "dashboard:read"));
        }
        // the JVMs are cold (no warm-up here): a few rounds over every user through every instance first
        await("complete dashboards through nginx").atMost(Duration.ofSeconds(120)).until(() -> {
            List<SteadyLoad.Outcome> warm = SteadyLoad.start(LOAD_RATE, Duration.ofSeconds(4), this::dashboard,
                    Duration.ZERO, () -> { }).awaitAll();
            return warm.stream().allMatch(o -> o.status() == 200 && o.took().compareTo(Duration.ofSeconds(1)) < 0);
        });
    }

    @AfterAll
    void stopEverything() {
        stack.stubs().resetChaos();
        LocalBalancer.stop(nginx);
        gateways.forEach(ExtraInstance::close);
        composers.forEach(ExtraInstance::close);
        LocalBalancer.stop(redis);
    }

    @Test
    @Order(1)
    void oneClientOverTheLimitAcrossBothGatewaysIsRefusedAsByOne() {
        String greedy = stack.stubs().token("greedy", "dashboard:read");
        long start = System.nanoTime();
        int served = 0;
        int refused = 0;
        for (int i = 0; i < 3 * BURST; i++) {
            int status = Http.send(Http.get(edge() + "/api/dashboard/greedy")
                    .header("Authorization", "Bearer " + greedy)).statusCode();
            if (status == 429) {
                refused++;
            }
            else {
                served++; // 404: there is no user "greedy", but the request was let through
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        // one bucket: the burst and what refilled meanwhile; two buckets would let about twice as many through
        assertThat(served).as("let through in %.1f s", seconds)
                .isBetween(BURST, BURST + (int) Math.ceil(seconds * RATE_PER_CLIENT) + 1);
        assertThat(refused).isPositive();
        for (ExtraInstance gateway : gateways) {
            assertThat(rejections(gateway)).as("429s answered by %s", gateway).isPositive();
        }
    }

    @Test
    @Order(2)
    void sigtermOfOneGatewayUnderLoadLosesNothing() throws Exception {
        SteadyLoad load = SteadyLoad.start(LOAD_RATE, LOAD, this::dashboard, EVENT_AT, gateways.get(0)::terminate);
        List<SteadyLoad.Outcome> outcomes = load.awaitAll();

        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(LOAD_RATE * (int) LOAD.toSeconds() - 1);
        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.status()).as("every request, before, during and after the SIGTERM: %s", outcome.body())
                    .isEqualTo(200);
            assertThat(outcome.took()).isLessThan(NEVER_LONGER);
        });
        assertThat(gateways.get(0).awaitExit(Duration.ofSeconds(25))).as("the gateway exits").isTrue();
    }

    @Test
    @Order(3)
    void sigkillOfOneComposerUnderLoadLosesAtMostWhatItHeld() throws Exception {
        stack.stubs().chaos(Backend.USER, "{\"latencyMs\":150}"); // so that each composer holds requests
        try {
            SteadyLoad load = SteadyLoad.start(LOAD_RATE, LOAD, this::dashboard, EVENT_AT, composers.get(1)::kill);
            List<SteadyLoad.Outcome> outcomes = load.awaitAll();
            long killedAt = load.eventNanos();

            long heldAtKill = outcomes.stream().filter(o -> o.sentNanos() <= killedAt && o.endNanos() >= killedAt).count();
            List<SteadyLoad.Outcome> failed = outcomes.stream().filter(o -> o.status() != 200).toList();
            System.out.printf("SIGKILL of a composer: %d requests in flight at the kill, %d failed, of %d%n",
                    heldAtKill, failed.size(), outcomes.size());
            assertThat(outcomes).allSatisfy(o -> assertThat(o.took()).as("no request hangs").isLessThan(NEVER_LONGER));
            assertThat(failed).allSatisfy(o -> {
                assertThat(o.status()).as("a lost request: %s", o.body()).isIn(502, 503);
                assertThat(o.contentType()).startsWith("application/problem+json");
                assertThat(o.sentNanos()).as("sent before the kill (later ones go to the other composer)")
                        .isLessThanOrEqualTo(killedAt + TimeUnit.MILLISECONDS.toNanos(100));
            });
            assertThat((long) failed.size()).as("lost at most what the composer held").isLessThanOrEqualTo(heldAtKill);
        }
        finally {
            stack.stubs().resetChaos();
        }
    }

    private java.net.http.HttpRequest.Builder dashboard(int i) {
        int user = 1 + i % USERS;
        return Http.get(edge() + "/api/dashboard/u-" + user).header("Authorization", "Bearer " + tokens.get(user - 1));
    }

    private String edge() {
        return "http://127.0.0.1:" + edgePort;
    }

    private static double rejections(ExtraInstance gateway) {
        HttpResponse<String> response = Http.send(Http.get(gateway.managementUrl() + "/actuator/prometheus"));
        return PrometheusScrape.parse(response.body()).sum("mosaic_gateway_ratelimit_rejected_total", java.util.Map.of());
    }
}

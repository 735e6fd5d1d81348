package dev.mosaic.composer.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.mosaic.composer.client.BackendCallException;
import dev.mosaic.composer.resilience.TimeSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Round robin over the healthy instances, retries elsewhere, panic, and the health checks in virtual time. */
class SourceBalancerTests {

    private static final URI A = URI.create("http://127.0.0.1:9002");
    private static final URI B = URI.create("http://127.0.0.1:9012");
    private static final URI C = URI.create("http://127.0.0.1:9022");
    private static final SourceBalancer.Settings SETTINGS =
            new SourceBalancer.Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), "/health", 2, 3);

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final List<String> transitions = new ArrayList<>();
    private SourceBalancer balancer;

    @AfterEach
    void stop() {
        if (balancer != null) {
            balancer.dispose();
        }
    }

    private SourceBalancer balancer(URI... urls) {
        balancer = SourceBalancer.create("orders", List.of(urls), SETTINGS,
                (instance, from, to, why) -> transitions.add(instance.getInstanceId() + " " + to));
        return balancer;
    }

    private static String port(SourceInstance instance) {
        return Integer.toString(instance.getPort());
    }

    private List<String> choices(int n, SourceInstance previous) {
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ports.add(port(balancer.choose(previous).block(Duration.ofSeconds(1))));
        }
        return ports;
    }

    private void eject(SourceInstance instance) {
        for (int i = 0; i < 3; i++) {
            instance.health().onCallEnded(BackendCallException.status(503));
        }
    }

    @Test
    void spreadsCallsEvenlyOverHealthyInstances() {
        balancer(A, B);

        assertThat(choices(10, null)).containsOnly("9002", "9012").filteredOn("9002"::equals).hasSize(5);
    }

    @Test
    void sendsNothingToAnEjectedInstance() {
        balancer(A, B, C);
        eject(balancer.instances().get(1));

        assertThat(choices(12, null)).containsOnly("9002", "9022");
        assertThat(balancer.count(InstanceState.EJECTED)).isEqualTo(1);
        assertThat(balancer.count(InstanceState.HEALTHY)).isEqualTo(2);
    }

    @Test
    void aRetryGoesToAnotherInstance() {
        balancer(A, B, C);
        SourceInstance first = balancer.instances().get(0);

        assertThat(choices(12, first)).doesNotContain("9002").contains("9012", "9022");
    }

    @Test
    void aRetryReturnsToThePreviousInstanceWhenItIsTheOnlyHealthyOne() {
        balancer(A, B);
        eject(balancer.instances().get(1));

        assertThat(choices(4, balancer.instances().get(0))).containsOnly("9002");
    }

    @Test
    void offersEveryInstanceWhenNoneIsHealthy() {
        balancer(A, B);
        eject(balancer.instances().get(0));
        eject(balancer.instances().get(1));

        assertThat(choices(10, null)).contains("9002", "9012");
    }

    @Test
    void healthChecksTakeOutAnInstanceThatFailsAndPutItBackWhenItPasses() {
        balancer(A, B);
        Set<Integer> down = ConcurrentHashMap.newKeySet();
        Map<URI, Integer> asked = new ConcurrentHashMap<>();
        down.add(9012);
        balancer.startHealthChecks(uri -> {
            asked.merge(uri, 1, Integer::sum);
            return down.contains(uri.getPort())
                    ? Mono.error(BackendCallException.of(BackendCallException.Kind.CONNECT, "refused", null))
                    : Mono.empty();
        }, new TimeSource(clock));

        clock.advanceTimeBy(Duration.ofMillis(1999));
        assertThat(asked).as("the first round is due after one interval").isEmpty();
        clock.advanceTimeBy(Duration.ofMillis(1));
        assertThat(asked).containsOnlyKeys(URI.create("http://127.0.0.1:9002/health"),
                URI.create("http://127.0.0.1:9012/health"));
        assertThat(balancer.instances().get(1).health().state()).isEqualTo(InstanceState.HEALTHY);
        clock.advanceTimeBy(Duration.ofSeconds(2));
        assertThat(balancer.instances().get(1).health().state()).as("the second failed check in a row")
                .isEqualTo(InstanceState.UNHEALTHY);

        down.clear();
        clock.advanceTimeBy(Duration.ofSeconds(2));

        assertThat(balancer.instances().get(1).health().state()).isEqualTo(InstanceState.HEALTHY);
        assertThat(transitions).containsExactly("127.0.0.1:9012 UNHEALTHY", "127.0.0.1:9012 HEALTHY");
    }

    @Test
    void aHealthCheckThatDoesNotAnswerFailsAtItsTimeout() {
        balancer(A, B);
        balancer.startHealthChecks(uri -> uri.getPort() == 9012 ? Mono.never() : Mono.empty(), new TimeSource(clock));

        clock.advanceTimeBy(Duration.ofMillis(4999));
        assertThat(balancer.instances().get(1).health().state()).isEqualTo(InstanceState.HEALTHY);
        clock.advanceTimeBy(Duration.ofMillis(1));

        assertThat(balancer.instances().get(1).health().state()).isEqualTo(InstanceState.UNHEALTHY);
        assertThat(balancer.instances().get(0).health().state()).isEqualTo(InstanceState.HEALTHY);
    }

    @Test
    void anEjectedInstanceIsPutBackByTheNextPassingHealthCheck() {
        balancer(A, B);
        balancer.startHealthChecks(uri -> Mono.empty(), new TimeSource(clock));
        eject(balancer.instances().get(1));
        assertThat(choices(4, null)).containsOnly("9002");

        clock.advanceTimeBy(Duration.ofSeconds(2));

        assertThat(choices(4, null)).contains("9002", "9012");
        assertThat(transitions).containsExactly("127.0.0.1:9012 EJECTED", "127.0.0.1:9012 HEALTHY");
    }

    @Test
    void aServerErrorFailsAHealthCheckAndANotFoundPassesIt() {
        Mono<Void> notFound = HealthProbe.over((uri, headers) -> Mono.error(BackendCallException.status(404)))
                .check(A);
        Mono<Void> unavailable = HealthProbe.over((uri, headers) -> Mono.error(BackendCallException.status(503)))
                .check(A);

        assertThat(notFound.materialize().block(Duration.ofSeconds(1)).isOnComplete()).isTrue();
        assertThat(unavailable.materialize().block(Duration.ofSeconds(1)).isOnError()).isTrue();
    }
}

package dev.mosaic.composer.balancing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mosaic.composer.client.BackendCallException;
import org.junit.jupiter.api.Test;

/** The per-instance state machine: calls eject, health checks take out and put back. */
class InstanceHealthTests {

    private final List<String> transitions = new ArrayList<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final InstanceHealth health = new InstanceHealth(3, 2, refreshes::incrementAndGet);

    InstanceHealthTests() {
        health.bind(new SourceInstance("orders", URI.create("http://127.0.0.1:9012"), health),
                (instance, from, to, why) -> transitions.add(instance + " " + from + "->" + to + " " + why));
    }

    private static BackendCallException refused() {
        return BackendCallException.of(BackendCallException.Kind.CONNECT, "Connection refused", null);
    }

    @Test
    void ejectsAfterThreeConnectErrorsInARow() {
        health.onCallEnded(refused());
        health.onCallEnded(refused());
        assertThat(health.state()).isEqualTo(InstanceState.HEALTHY);

        health.onCallEnded(refused());

        assertThat(health.state()).isEqualTo(InstanceState.EJECTED);
        assertThat(health.isAvailable()).isFalse();
        assertThat(transitions).containsExactly(
                "orders@127.0.0.1:9012 HEALTHY->EJECTED 3 failed call(s) in a row, last: CONNECT");
        assertThat(refreshes).hasValue(1);
    }

    @Test
    void resetsAndServerErrorsCountAsFailuresToo() {
        health.onCallEnded(BackendCallException.of(BackendCallException.Kind.CONNECTION_LOST, "reset", null));
        health.onCallEnded(BackendCallException.status(503));
        health.onCallEnded(BackendCallException.status(500));

        assertThat(health.state()).isEqualTo(InstanceState.EJECTED);
    }

    @Test
    void anAnswerInBetweenEndsTheRun() {
        health.onCallEnded(refused());
        health.onCallEnded(refused());
        health.onCallEnded(null);
        health.onCallEnded(refused());
        health.onCallEnded(refused());

        assertThat(health.state()).isEqualTo(InstanceState.HEALTHY);
    }

    @Test
    void notFoundAndBadBodiesAndOurOwnSaturationSayNothingAgainstTheInstance() {
        for (int i = 0; i < 10; i++) {
            health.onCallEnded(BackendCallException.status(404));
            health.onCallEnded(BackendCallException.badBody("not json"));
            health.onCallEnded(BackendCallException.of(BackendCallException.Kind.POOL_SATURATED, "pool", null));
        }

        assertThat(health.state()).isEqualTo(InstanceState.HEALTHY);
        assertThat(transitions).isEmpty();
    }

    @Test
    void anEjectedInstanceComesBackOnlyWhenAHealthCheckPasses() {
        for (int i = 0; i < 3; i++) {
            health.onCallEnded(refused());
        }
        health.onCallEnded(null);
        health.onHealthCheck(false, "Connection refused");
        assertThat(health.state()).as("a success seen by a panicking call, or a failed check, keeps it out")
                .isEqualTo(InstanceState.EJECTED);

        health.onHealthCheck(true, null);

        assertThat(health.state()).isEqualTo(InstanceState.HEALTHY);
        assertThat(transitions).containsExactly(
                "orders@127.0.0.1:9012 HEALTHY->EJECTED 3 failed call(s) in a row, last: CONNECT",
                "orders@127.0.0.1:9012 EJECTED->HEALTHY health check passed");
    }

    @Test
    void twoFailedHealthChecksInARowTakeAHealthyInstanceOutUntilOnePasses() {
        health.onHealthCheck(false, "no answer within 1000 ms");
        health.onHealthCheck(true, null);
        health.onHealthCheck(false, "no answer within 1000 ms");
        assertThat(health.state()).as("one failed check in a row").isEqualTo(InstanceState.HEALTHY);
        health.onHealthCheck(false, "no answer within 1000 ms");
        health.onHealthCheck(false, "no answer within 1000 ms");
        assertThat(health.state()).isEqualTo(InstanceState.UNHEALTHY);

        health.onHealthCheck(true, null);

        assertThat(health.state()).isEqualTo(InstanceState.HEALTHY);
        assertThat(transitions).containsExactly(
                "orders@127.0.0.1:9012 HEALTHY->UNHEALTHY 2 health check(s) failed in a row, last: no answer within 1000 ms",
                "orders@127.0.0.1:9012 UNHEALTHY->HEALTHY health check passed");
    }
}

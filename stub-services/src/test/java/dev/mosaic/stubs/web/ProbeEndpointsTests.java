package dev.mosaic.stubs.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mosaic.stubs.RawHttp;
import dev.mosaic.stubs.RawHttp.Response;
import dev.mosaic.stubs.StubServicesIntegrationTest;
import dev.mosaic.stubs.StubServicesTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes probe groups answer on the control plane, as deploy/k8s/dev probes them: with
 * {@code Host: localhost} (kubelet would otherwise send the pod's address, which the control
 * plane's guard refuses with 421).
 */
@StubServicesTest
class ProbeEndpointsTests extends StubServicesIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/liveness", "/actuator/health/readiness"})
    void probeGroupAnswersUpForTheHostTheProbeSends(String path) throws Exception {
        Response response = RawHttp.send(controlPort, "GET", path, null, "Host: localhost");

        assertThat(response.status()).as(path).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/liveness", "/actuator/health/readiness"})
    void probeGroupIsMisdirectedForThePodsOwnAddress(String path) throws Exception {
        assertThat(RawHttp.send(controlPort, "GET", path, null, "Host: 10.244.0.17:9000").status()).as(path)
                .isEqualTo(421);
    }
}

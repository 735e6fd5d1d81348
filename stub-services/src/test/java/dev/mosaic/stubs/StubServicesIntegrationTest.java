package dev.mosaic.stubs;

import dev.mosaic.stubs.backend.BackendServers;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of tests that talk to the running stub-services application over HTTP: a {@link StubClient}
 * for it, and every backend's chaos cleared before each test (test classes share one application).
 * Subclasses still say which application they run with, e.g. {@link StubServicesTest}.
 */
public abstract class StubServicesIntegrationTest {

    @LocalServerPort
    protected int controlPort;

    @Autowired
    protected BackendServers servers;

    protected StubClient client;

    @BeforeEach
    void quietBackends() {
        client = new StubClient(controlPort, servers);
        client.resetChaos();
    }
}

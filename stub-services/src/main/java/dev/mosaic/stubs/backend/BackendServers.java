package dev.mosaic.stubs.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.chaos.ChaosBoard;
import dev.mosaic.stubs.config.StubProperties;
import dev.mosaic.stubs.data.SeededUsers;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WireMock servers that play the backends (one per {@link Backend}), started before the control plane accepts
 * requests and stopped after it. A backend that chaos takes {@code down} is stopped (connections
 * are refused) and later started again on the same port by {@link #sync}.
 *
 * <p>Tuned for load: asynchronous responses (a delay schedules the answer instead of sleeping on a
 * Jetty thread), no request journal unless asked, no per-request logging, no gzip, no CORS, no
 * response templating, no extension scanning. WireMock's admin API is closed over HTTP
 * ({@link AdminApiClosed}); the servers are driven through the Java API only.
 */
public final class BackendServers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackendServers.class);
    /** Start before the web server (so health is only UP once the backends listen), stop after it. */
    private static final int PHASE = 0;
    private static final long STOP_TIMEOUT_MS = 500;

    private final StubProperties properties;
    private final ChaosBoard chaos;
    private final Map<Backend, BackendTransformer> transformers = new EnumMap<>(Backend.class);
    private final Map<Backend, WireMockServer> servers = new EnumMap<>(Backend.class);
    private final Map<Backend, Integer> ports = new EnumMap<>(Backend.class);
    private volatile boolean running;

    public BackendServers(StubProperties properties, ChaosBoard chaos, SeededUsers users, JsonMapper json,
                          MeterRegistry registry) {
        this.properties = properties;
        this.chaos = chaos;
        ResponseBodies bodies = new ResponseBodies(users, json);
        BackendMeters meters = new BackendMeters(registry);
        for (Backend backend : Backend.values()) {
            transformers.put(backend,
                    new BackendTransformer(backend, new BackendRoutes(backend, bodies, json), chaos, json, meters));
        }
    }

    @Override
    public synchronized void start() {
        for (Backend backend : Backend.values()) {
            WireMockServer server = startServer(backend, properties.port(backend));
            ports.put(backend, server.port());
            log.info("Stub {} service listening on http://{}:{}", backend, properties.host(), server.port());
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        servers.values().forEach(WireMockServer::stop);
        servers.clear();
        running = false;
        log.info("Stub backends stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The port a backend listens on (the real one when configured as 0). */
    public int port(Backend backend) {
        Integer port = ports.get(backend);
        if (port == null) {
            throw new IllegalStateException("the " + backend + " service has not started");
        }
        return port;
    }

    /** The base URL of a backend, e.g. {@code http://127.0.0.1:9001}. */
    public String baseUrl(Backend backend) {
        return "http://" + properties.host() + ":" + port(backend);
    }

    /** The WireMock server of a backend while it is up (for its request journal), else empty. */
    public synchronized Optional<WireMockServer> server(Backend backend) {
        return Optional.ofNullable(servers.get(backend));
    }

    /**
     * Brings a backend's server in line with its chaos {@code down} setting: stops it when down,
     * starts it again on its port when not. Runs on a blocking-capable scheduler, since Jetty
     * starts and stops by blocking; completes once the server is stopped or accepting.
     */
    public Mono<Void> sync(Backend backend) {
        return Mono.<Void>fromRunnable(() -> syncNow(backend)).subscribeOn(Schedulers.boundedElastic());
    }

    private synchronized void syncNow(Backend backend) {
        if (!running) {
            return;
        }
        boolean down = chaos.settings(backend).down();
        WireMockServer server = servers.get(backend);
        if (down && server != null) {
            server.stop();
            servers.remove(backend);
            log.info("Stub {} service is down (chaos): connections to port {} are refused", backend, port(backend));
        } else if (!down && server == null) {
            try {
                startServer(backend, port(backend));
            } catch (RuntimeException e) {
                throw new BackendStartException(backend, port(backend), e);
            }
            log.info("Stub {} service is up again on port {}", backend, port(backend));
        }
    }

    private WireMockServer startServer(Backend backend, int port) {
        WireMockServer server = new WireMockServer(options(backend, port));
        server.start();
        // One catch-all stub; the backend's transformer writes every answer.
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        servers.put(backend, server);
        return server;
    }

    private Options options(Backend backend, int port) {
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress(properties.host())
                .port(port)
                .http2PlainDisabled(true)
                .containerThreads(properties.containerThreads())
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(properties.asyncThreads())
                .jettyIdleTimeout(properties.idleTimeout().toMillis())
                .jettyStopTimeout(STOP_TIMEOUT_MS)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .gzipDisabled(true)
                .stubCorsEnabled(false)
                .stubRequestLoggingDisabled(true)
                .templatingEnabled(false)
                .extensionScanningEnabled(false)
                .notifier(new WireMockLog(backend.serviceName()))
                .extensions(transformers.get(backend), new AdminApiClosed());
        return properties.journalEnabled()
                ? options.maxRequestJournalEntries(properties.journalSize())
                : options.disableRequestJournal();
    }
}

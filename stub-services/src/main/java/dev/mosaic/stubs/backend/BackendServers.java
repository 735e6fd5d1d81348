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
 * The WireMock servers that play the backends (one per {@link Backend}, or {@code replicas} per
 * backend: instance {@code i} on the backend's port + {@code i × replica-port-step}), started before
 * the control plane accepts requests and stopped after it. An instance that chaos takes {@code down}
 * is stopped (connections are refused) and later started again on the same port by {@link #sync}.
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
    private final int replicas;
    private final Map<Backend, BackendTransformer[]> transformers = new EnumMap<>(Backend.class);
    private final Map<Backend, WireMockServer[]> servers = new EnumMap<>(Backend.class);
    private final Map<Backend, int[]> ports = new EnumMap<>(Backend.class);
    private volatile boolean running;

    public BackendServers(StubProperties properties, ChaosBoard chaos, SeededUsers users, JsonMapper json,
                          MeterRegistry registry) {
        this.properties = properties;
        this.chaos = chaos;
        this.replicas = properties.replicas();
        ResponseBodies bodies = new ResponseBodies(users, json);
        BackendMeters meters = new BackendMeters(registry, replicas);
        for (Backend backend : Backend.values()) {
            BackendTransformer[] perInstance = new BackendTransformer[replicas];
            for (int i = 0; i < replicas; i++) {
                perInstance[i] = new BackendTransformer(backend, i, new BackendRoutes(backend, bodies, json), chaos,
                        json, meters);
            }
            transformers.put(backend, perInstance);
            servers.put(backend, new WireMockServer[replicas]);
        }
    }

    @Override
    public synchronized void start() {
        for (Backend backend : Backend.values()) {
            int[] bound = new int[replicas];
            for (int i = 0; i < replicas; i++) {
                WireMockServer server = startServer(backend, i, properties.port(backend, i));
                bound[i] = server.port();
                log.info("Stub {} service{} listening on http://{}:{}", backend,
                        replicas > 1 ? " instance " + i : "", properties.host(), server.port());
            }
            ports.put(backend, bound);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        for (WireMockServer[] perInstance : servers.values()) {
            for (int i = 0; i < perInstance.length; i++) {
                if (perInstance[i] != null) {
                    perInstance[i].stop();
                    perInstance[i] = null;
                }
            }
        }
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

    /** How many instances each backend has. */
    public int replicas() {
        return replicas;
    }

    /** The port a backend listens on (its first instance; the real one when configured as 0). */
    public int port(Backend backend) {
        return port(backend, 0);
    }

    /** The port instance {@code instance} of a backend listens on. */
    public int port(Backend backend, int instance) {
        int[] bound = ports.get(backend);
        if (bound == null) {
            throw new IllegalStateException("the " + backend + " service has not started");
        }
        return bound[instance];
    }

    /** The base URL of a backend (its first instance), e.g. {@code http://127.0.0.1:9001}. */
    public String baseUrl(Backend backend) {
        return baseUrl(backend, 0);
    }

    /** The base URL of one instance of a backend. */
    public String baseUrl(Backend backend, int instance) {
        return "http://" + properties.host() + ":" + port(backend, instance);
    }

    /** The WireMock server of a backend (its first instance) while it is up, else empty. */
    public Optional<WireMockServer> server(Backend backend) {
        return server(backend, 0);
    }

    /** The WireMock server of one instance while it is up (for its request journal), else empty. */
    public synchronized Optional<WireMockServer> server(Backend backend, int instance) {
        return Optional.ofNullable(servers.get(backend)[instance]);
    }

    /**
     * Brings every instance of a backend in line with its chaos {@code down} setting: stops it when
     * down, starts it again on its port when not. Runs on a blocking-capable scheduler, since Jetty
     * starts and stops by blocking; completes once the servers are stopped or accepting.
     */
    public Mono<Void> sync(Backend backend) {
        return Mono.<Void>fromRunnable(() -> {
            for (int i = 0; i < replicas; i++) {
                syncNow(backend, i);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private synchronized void syncNow(Backend backend, int instance) {
        if (!running) {
            return;
        }
        boolean down = chaos.settings(backend, instance).down();
        WireMockServer server = servers.get(backend)[instance];
        String name = replicas > 1 ? backend + " instance " + instance : backend.toString();
        if (down && server != null) {
            server.stop();
            servers.get(backend)[instance] = null;
            log.info("Stub {} service is down (chaos): connections to port {} are refused", name,
                    port(backend, instance));
        } else if (!down && server == null) {
            try {
                startServer(backend, instance, port(backend, instance));
            } catch (RuntimeException e) {
                throw new BackendStartException(backend, port(backend, instance), e);
            }
            log.info("Stub {} service is up again on port {}", name, port(backend, instance));
        }
    }

    private WireMockServer startServer(Backend backend, int instance, int port) {
        WireMockServer server = new WireMockServer(options(backend, instance, port));
        server.start();
        // One catch-all stub; the backend's transformer writes every answer.
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        servers.get(backend)[instance] = server;
        return server;
    }

    private Options options(Backend backend, int instance, int port) {
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
                .extensions(transformers.get(backend)[instance], new AdminApiClosed());
        return properties.journalEnabled()
                ? options.maxRequestJournalEntries(properties.journalSize())
                : options.disableRequestJournal();
    }
}

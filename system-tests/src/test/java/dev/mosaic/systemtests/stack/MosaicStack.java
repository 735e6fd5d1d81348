package dev.mosaic.systemtests.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.mosaic.systemtests.prometheus.PrometheusScrape;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * The whole system as a user runs it: stub-services, composer and gateway, each in its own JVM from
 * the jar the build just packaged, on free ports, wired to each other only through the properties
 * the SPEC names ({@code mosaic.composer.sources.*.url}, {@code mosaic.gateway.*-url}, the JWK set
 * URI and issuer, {@code mosaic.stubs.*-port}). The stubs keep WireMock's request journal so tests can
 * read what each backend received.
 *
 * <p>{@link #close()} stops every JVM (SIGTERM, then SIGKILL after 10 s); a JVM shutdown hook does the
 * same if the test JVM ends without closing, so no process outlives the build.
 */
public final class MosaicStack implements AutoCloseable {

    /** How long the three JVMs may take to become healthy (they start at the same time). */
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /**
     * The stubs' {@code mosaic.stubs.key-rotation-grace} in this stack: short, so that
     * {@code KeyRotationIT} sees a retired key dropped within the run.
     */
    public static final Duration KEY_ROTATION_GRACE = Duration.ofSeconds(10);
    /**
     * The composer's {@code mosaic.composer.security.jwk-max-age} in this stack (5 min by default):
     * how long after the drop the composer may still accept a retired key's tokens.
     */
    public static final Duration COMPOSER_JWK_MAX_AGE = Duration.ofSeconds(3);
    private static final int LOG_TAIL_LINES = 40;

    private final StackPorts ports;
    private final Path logs;
    private final Path compositions;
    private final Map<Part, AppProcess> processes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::stopAll, "mosaic-system-tests-shutdown");
    private final AtomicBoolean warm = new AtomicBoolean();

    private MosaicStack(StackPorts ports, Path logs, Path compositions, Map<Part, AppProcess> processes) {
        this.ports = ports;
        this.logs = logs;
        this.compositions = compositions;
        this.processes = processes;
    }

    /**
     * Starts the three applications from {@code apps/<part>.jar}, logs to {@code logs/<part>.log},
     * with the composition files in {@code compositions} served beside the shipped ones (by the
     * composer and the gateway, as {@code MOSAIC_COMPOSITIONS_LOCATION} would), and returns once all
     * three report healthy.
     *
     * @throws IllegalStateException when one exits or is not healthy in time; the message has the
     *         tail of its log (which is also printed to stderr), and everything started is stopped
     */
    public static MosaicStack start(Path apps, Path logs, Path compositions) {
        StackPorts ports = StackPorts.free();
        Map<Part, AppProcess> processes = new EnumMap<>(Part.class);
        MosaicStack stack = new MosaicStack(ports, logs, compositions.toAbsolutePath(), processes);
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            for (Part part : Part.values()) {
                processes.put(part, AppProcess.start(part.job(), apps.resolve(part.job() + ".jar"), stack.arguments(part), logs));
            }
            for (Part part : Part.values()) {
                stack.awaitHealthy(part);
            }
            return stack;
        }
        catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private List<String> arguments(Part part) {
        String control = "http://127.0.0.1:" + ports.control();
        List<String> args = new ArrayList<>();
        switch (part) {
            case STUBS -> {
                args.add("--server.port=" + ports.control());
                args.add("--mosaic.stubs.user-port=" + ports.user());
                args.add("--mosaic.stubs.orders-port=" + ports.orders());
                args.add("--mosaic.stubs.recommendations-port=" + ports.recommendations());
                args.add("--mosaic.stubs.catalog-port=" + ports.catalog());
                args.add("--mosaic.stubs.issuer=" + control);
                args.add("--mosaic.stubs.journal-enabled=true");
                args.add("--mosaic.stubs.key-rotation-grace=" + KEY_ROTATION_GRACE.toMillis() + "ms");
                // the resilience console on the control plane reads the other two parts' actuators
                args.add("--mosaic.stubs.console.composer-management-url=" + managementUrl(Part.COMPOSER));
                args.add("--mosaic.stubs.console.gateway-management-url=" + managementUrl(Part.GATEWAY));
            }
            case COMPOSER -> {
                args.add("--server.port=" + ports.composer());
                args.add("--management.server.port=" + ports.composerManagement());
                for (Backend backend : Backend.values()) {
                    args.add("--mosaic.composer.sources." + backend.id() + ".url=" + backendUrl(backend));
                }
                args.add("--mosaic.composer.security.jwk-set-uri=" + control + "/.well-known/jwks.json");
                args.add("--mosaic.composer.security.issuer=" + control);
                args.add("--mosaic.composer.security.jwk-max-age=" + COMPOSER_JWK_MAX_AGE.toMillis() + "ms");
                args.add("--mosaic.compositions.location=" + compositions);
            }
            case GATEWAY -> {
                args.add("--server.port=" + ports.gateway());
                args.add("--management.server.port=" + ports.gatewayManagement());
                args.add("--mosaic.gateway.composer-url=" + composerUrl());
                args.add("--mosaic.gateway.user-url=" + backendUrl(Backend.USER));
                args.add("--mosaic.gateway.orders-url=" + backendUrl(Backend.ORDERS));
                args.add("--mosaic.gateway.recommendations-url=" + backendUrl(Backend.RECOMMENDATIONS));
                args.add("--mosaic.gateway.catalog-url=" + backendUrl(Backend.CATALOG));
                args.add("--mosaic.compositions.location=" + compositions);
                args.add("--mosaic.gateway.security.jwk-set-uri=" + control + "/.well-known/jwks.json");
                args.add("--mosaic.gateway.security.issuer=" + control);
                args.add("--mosaic.gateway.warm-up.token-uri=" + control + "/token");
            }
        }
        return args;
    }

    private void awaitHealthy(Part part) {
        AppProcess process = processes.get(part);
        String health = managementUrl(part) + "/actuator/health";
        try {
            await(part.job() + " healthy at " + health)
                    .atMost(STARTUP)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        // all three start at once: whichever dies first is reported at once
                        for (AppProcess any : processes.values()) {
                            if (!any.isAlive()) {
                                throw new IllegalStateException(failure(any, "exited during start-up"));
                            }
                        }
                        return isUp(health);
                    });
        }
        catch (ConditionTimeoutException e) {
            throw new IllegalStateException(failure(process, "was not healthy at " + health + " within " + STARTUP), e);
        }
    }

    private static boolean isUp(String url) {
        try {
            HttpResponse<String> response = Http.send(Http.get(url).timeout(Duration.ofSeconds(2)));
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        }
        catch (RuntimeException e) {
            return false; // not listening yet
        }
    }

    private static String failure(AppProcess process, String what) {
        String message = process + " " + what + ". Last lines of its log:" + System.lineSeparator()
                + process.logTail(LOG_TAIL_LINES);
        System.err.println(message);
        return message;
    }

    public StackPorts ports() {
        return ports;
    }

    /** The public edge, e.g. {@code http://127.0.0.1:40123}. */
    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.gateway();
    }

    public String composerUrl() {
        return "http://127.0.0.1:" + ports.composer();
    }

    /** The stubs' control plane: chaos API, dev identity provider, the stubs' actuator. */
    public String controlUrl() {
        return "http://127.0.0.1:" + ports.control();
    }

    public String backendUrl(Backend backend) {
        return "http://127.0.0.1:" + ports.backend(backend);
    }

    /** Where a part's actuator is (the stubs have no separate management port). */
    public String managementUrl(Part part) {
        return switch (part) {
            case STUBS -> controlUrl();
            case COMPOSER -> "http://127.0.0.1:" + ports.composerManagement();
            case GATEWAY -> "http://127.0.0.1:" + ports.gatewayManagement();
        };
    }

    /** A fresh scrape of a part's {@code /actuator/prometheus}. */
    public PrometheusScrape scrape(Part part) {
        return PrometheusScrape.parse(Http.getOk(managementUrl(part) + "/actuator/prometheus"));
    }

    /** A fresh scrape, also written to {@code <logs>/<part>-<name>.prom} for whoever reads a failure. */
    public PrometheusScrape scrapeAndKeep(Part part, String name) {
        String text = Http.getOk(managementUrl(part) + "/actuator/prometheus");
        try {
            Files.writeString(logs.resolve(part.job() + "-" + name + ".prom"), text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return PrometheusScrape.parse(text);
    }

    public StubControlPlane stubs() {
        return new StubControlPlane(this);
    }

    public AppProcess process(Part part) {
        return processes.get(part);
    }

    /**
     * Waits until a dashboard through the gateway comes back complete. The first requests of cold
     * C1-only JVMs can take longer than the composer's 900 ms deadline; tests that count calls or
     * expect live sections start after this. Done once per stack.
     */
    public void awaitWarm() {
        if (warm.get()) {
            return;
        }
        String token = stubs().token("warm-up", "dashboard:read dashboard:read:any");
        int[] user = {0};
        await("a complete dashboard through the gateway")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    HttpResponse<String> response = Http.send(Http.get(gatewayUrl() + "/api/dashboard/u-" + (1 + user[0]++ % 50))
                            .header("Authorization", "Bearer " + token));
                    return response.statusCode() == 200
                            && "true".equals(response.headers().firstValue("X-Dashboard-Complete").orElse(""));
                });
        warm.set(true);
    }

    /** Stops every JVM this stack started; safe to call more than once. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: it stops the same processes, idempotently
        }
    }

    private void stopAll() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // in reverse start order, all at once: the edge first, so nothing calls a stopped backend
        List<AppProcess> running = new ArrayList<>(processes.values());
        Collections.reverse(running);
        running.forEach(AppProcess::requestStop);
        running.forEach(AppProcess::awaitStopped);
    }
}

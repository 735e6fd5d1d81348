package dev.mosaic.systemtests.stack;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * One more composer or gateway JVM beside a running {@link MosaicStack}, wired to that stack's stubs
 * (and, for a gateway, to the composers it is given), on its own free ports: for the tests that
 * stop, kill or multiply instances, which the shared stack's own processes must survive.
 *
 * <pre>{@code
 * ExtraInstance composer = ExtraInstance.composer(stack, "composer-a", List.of("--mosaic.composer.deadline=5s"));
 * ExtraInstance gateway = ExtraInstance.gateway(stack, "gateway-a", List.of(composer), List.of());
 * ExtraInstance.awaitReady(composer, gateway);
 * gateway.terminate(); // SIGTERM
 * }</pre>
 */
public final class ExtraInstance implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(150);

    private final Part part;
    private final int port;
    private final int managementPort;
    private final AppProcess process;
    private final Thread shutdownHook;

    private ExtraInstance(Part part, int port, int managementPort, AppProcess process) {
        this.part = part;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.shutdownHook = new Thread(process::kill, "mosaic-extra-instance-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A composer against the stack's stubs, with {@code extraArgs} after the usual ones (later ones win). */
    public static ExtraInstance composer(MosaicStack stack, String name, List<String> extraArgs) {
        int[] ports = FreePorts.take(2);
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + ports[0]);
        args.add("--management.server.port=" + ports[1]);
        for (Backend backend : Backend.values()) {
            args.add("--mosaic.composer.sources." + backend.id() + ".url=" + stack.backendUrl(backend));
        }
        args.add("--mosaic.composer.security.jwk-set-uri=" + stack.controlUrl() + "/.well-known/jwks.json");
        args.add("--mosaic.composer.security.issuer=" + stack.controlUrl());
        args.add("--mosaic.composer.warm-up.enabled=false");
        args.addAll(extraArgs);
        return start(Part.COMPOSER, name, ports, args);
    }

    /**
     * A gateway in front of {@code composers}: one composer is its {@code composer-url}, several are its
     * {@code mosaic.gateway.composer.instances} (with their readiness URLs).
     */
    public static ExtraInstance gateway(MosaicStack stack, String name, List<ExtraInstance> composers,
            List<String> extraArgs) {
        int[] ports = FreePorts.take(2);
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + ports[0]);
        args.add("--management.server.port=" + ports[1]);
        args.add("--mosaic.gateway.composer-url=" + composers.get(0).url());
        if (composers.size() > 1) {
            for (int i = 0; i < composers.size(); i++) {
                args.add("--mosaic.gateway.composer.instances[" + i + "].url=" + composers.get(i).url());
                args.add("--mosaic.gateway.composer.instances[" + i + "].readiness-url=" + composers.get(i).readinessUrl());
            }
        }
        args.add("--mosaic.gateway.user-url=" + stack.backendUrl(Backend.USER));
        args.add("--mosaic.gateway.orders-url=" + stack.backendUrl(Backend.ORDERS));
        args.add("--mosaic.gateway.recommendations-url=" + stack.backendUrl(Backend.RECOMMENDATIONS));
        args.add("--mosaic.gateway.security.jwk-set-uri=" + stack.controlUrl() + "/.well-known/jwks.json");
        args.add("--mosaic.gateway.security.issuer=" + stack.controlUrl());
        args.add("--mosaic.gateway.warm-up.enabled=false");
        args.addAll(extraArgs);
        return start(Part.GATEWAY, name, ports, args);
    }

    private static ExtraInstance start(Part part, String name, int[] ports, List<String> args) {
        Path apps = Path.of(System.getProperty("mosaic.system-tests.apps", "target/apps"));
        Path logs = Path.of(System.getProperty("mosaic.system-tests.logs", "target/system-tests-logs"));
        AppProcess process = AppProcess.start(name, apps.resolve(part.job() + ".jar"), args, logs);
        return new ExtraInstance(part, ports[0], ports[1], process);
    }

    /** Waits until every one answers readiness 200 (they start at the same time); fails with a log tail. */
    public static void awaitReady(ExtraInstance... instances) {
        for (ExtraInstance instance : instances) {
            try {
                await(instance + " ready").atMost(STARTUP).pollInterval(Duration.ofMillis(250)).until(() -> {
                    for (ExtraInstance any : instances) {
                        if (!any.isAlive()) {
                            throw new IllegalStateException(any + " exited during start-up:\n" + any.process.logTail(40));
                        }
                    }
                    return instance.readiness() == 200;
                });
            }
            catch (ConditionTimeoutException e) {
                throw new IllegalStateException(instance + " was not ready within " + STARTUP + ":\n"
                        + instance.process.logTail(40), e);
            }
        }
    }

    public Part part() {
        return part;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String readinessUrl() {
        return "http://127.0.0.1:" + managementPort + "/actuator/health/readiness";
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** The readiness status code, or -1 when the management port does not answer. */
    public int readiness() {
        try {
            HttpResponse<String> response = Http.send(Http.get(readinessUrl()).timeout(Duration.ofSeconds(2)));
            return response.statusCode();
        }
        catch (RuntimeException e) {
            return -1;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: the instance drains and shuts down gracefully. */
    public void terminate() {
        process.requestStop();
    }

    /** SIGKILL: gone at once, whatever it held. */
    public void kill() {
        process.kill();
    }

    /** Waits at most {@code bound} for the JVM to exit; whether it did. */
    public boolean awaitExit(Duration bound) {
        return process.awaitExit(bound);
    }

    public String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.requestStop();
        process.awaitStopped();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running: it kills the same process
        }
    }

    @Override
    public String toString() {
        return process.toString();
    }
}

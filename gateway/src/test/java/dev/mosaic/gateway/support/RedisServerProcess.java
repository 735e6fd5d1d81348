package dev.mosaic.gateway.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real {@code redis-server} (the Debian package) on a free loopback port, without persistence,
 * started and stopped by the test. Without {@code redis-server} on the PATH the calling tests are
 * skipped on a developer machine and fail on CI ({@code CI} set), where {@code .ci/run} installs it.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final int START_ATTEMPTS = 3;
    private final int port;
    private Process process;

    private RedisServerProcess(int port) {
        this.port = port;
    }

    /** Starts redis-server, or skips/fails the test when it is not installed. */
    public static RedisServerProcess startOrSkip() {
        if (!onPath("redis-server")) {
            String message = "redis-server is not on the PATH (apt-get install -y redis-server); "
                    + "skipping the Redis-backed rate limiter tests";
            if (System.getenv("CI") != null) {
                fail(message.replace("skipping", "CI must run"));
            }
            Assumptions.abort(message);
        }
        // a port free when probed can be taken before redis-server binds it (an outgoing connection
        // may pick it as its source port: it is in the ephemeral range), so a start that fails is
        // tried again on another port
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            RedisServerProcess redis = new RedisServerProcess(freePort());
            if (redis.startAndAwait()) {
                return redis;
            }
        }
        return fail("redis-server exited at start-up on " + START_ATTEMPTS + " free ports in a row");
    }

    public int port() {
        return port;
    }

    public void start() {
        if (!startAndAwait()) {
            fail("redis-server exited at start-up on port " + port + " (exit code " + process.exitValue() + ")");
        }
    }

    /** Starts the process and waits until it accepts connections (true) or has exited (false). */
    private boolean startAndAwait() {
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await("redis-server accepting on " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> accepting() || !process.isAlive());
        return accepting();
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean accepting() {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, command).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

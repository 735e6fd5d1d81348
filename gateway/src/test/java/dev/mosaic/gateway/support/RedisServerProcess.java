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
        RedisServerProcess redis = new RedisServerProcess(freePort());
        redis.start();
        return redis;
    }

    public int port() {
        return port;
    }

    public void start() {
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
                .pollInterval(Duration.ofMillis(50)).until(this::accepting);
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

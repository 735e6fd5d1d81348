package dev.mosaic.loadtest.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Restarts one part of a running stack and waits until it is ready again; {@link #launcher()} does it
 * with {@code ./mosaic restart <part>} (SIGTERM, wait for the exit, start, wait for health).
 */
@FunctionalInterface
public interface Restarts {

    /** The system property naming the launcher ({@code loadtest/run} sets it to the repository's {@code mosaic}). */
    String LAUNCHER = "mosaic.loadtest.launcher";

    /** What a restart did: whether it ended with the part ready, and the last lines it printed. */
    record Result(boolean succeeded, String output) {
    }

    Result restart(String part);

    /** {@code <launcher> restart <part>}, the launcher from {@value #LAUNCHER} (default {@code ./mosaic}). */
    static Restarts launcher() {
        String launcher = System.getProperty(LAUNCHER, "./mosaic");
        return part -> {
            try {
                Process process = new ProcessBuilder(List.of(launcher, "restart", part)).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                int exit = process.waitFor();
                String[] lines = output.split("\n");
                return new Result(exit == 0, lines[lines.length - 1]);
            }
            catch (IOException e) {
                return new Result(false, launcher + " could not run: " + e.getMessage());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, "interrupted (the run ended first)");
            }
        };
    }
}

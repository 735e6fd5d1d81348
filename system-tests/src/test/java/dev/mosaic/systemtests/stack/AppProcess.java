package dev.mosaic.systemtests.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Mosaic application running in its own JVM from its packaged jar, with everything it prints
 * kept in a log file. Small heap and C1 only: these JVMs serve a few hundred requests, so starting
 * fast matters more than peak speed.
 */
public final class AppProcess {

    /** JVM options of every application under test. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final long STOP_GRACE_SECONDS = 10;

    private final String name;
    private final Path log;
    private final Process process;

    private AppProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code java -jar jar args...}; returns at once (the caller waits for health).
     */
    static AppProcess start(String name, Path jar, List<String> args, Path logDirectory) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " does not exist. Run the system tests through Maven "
                    + "from the repository root (./mvnw verify, or -pl system-tests -am), which packages the applications "
                    + "and copies their jars there.");
        }
        Path log = logDirectory.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        try {
            Files.createDirectories(logDirectory);
            Files.writeString(log, String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            return new AppProcess(name, log, process);
        }
        catch (IOException e) {
            throw new UncheckedIOException(name + ": could not start " + command, e);
        }
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks the JVM to stop (SIGTERM: Spring shuts down gracefully); see {@link #awaitStopped()}. */
    void requestStop() {
        process.destroy();
    }

    /** SIGKILL: the JVM is gone at once, with whatever it held. */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits at most {@code bound} for the JVM to exit; whether it did. */
    boolean awaitExit(java.time.Duration bound) {
        try {
            return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The operating system's id of the JVM. */
    public long pid() {
        return process.pid();
    }

    /** Waits for a requested stop, then kills the JVM if it is still there. */
    void awaitStopped() {
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of this application's log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        }
        catch (IOException | UncheckedIOException e) {
            return "(could not read " + log + ": " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}

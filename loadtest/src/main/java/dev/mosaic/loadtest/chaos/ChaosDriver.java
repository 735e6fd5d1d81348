package dev.mosaic.loadtest.chaos;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries out a {@link ChaosSchedule} during a run: each step at its offset from the run's start,
 * on a scheduler thread of its own, recording when it happened and what the chaos API answered.
 *
 * <pre>{@code
 * ChaosDriver driver = ChaosDriver.start(schedule, control, clock, runStartEpochMs);
 * ...
 * List<AppliedChaos> applied = driver.finish(); // clears any fault still in force
 * }</pre>
 */
public final class ChaosDriver {

    private final ControlPlane control;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentLinkedQueue<AppliedChaos> applied = new ConcurrentLinkedQueue<>();
    private final List<ChaosStep> steps;
    private final Restarts restarts;

    private ChaosDriver(ChaosSchedule schedule, ControlPlane control, Clock clock, Restarts restarts) {
        this.control = control;
        this.restarts = restarts;
        this.clock = clock;
        this.steps = schedule.steps();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mosaic-chaos");
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules every step relative to {@code startEpochMs} (a step already due runs at once). */
    public static ChaosDriver start(ChaosSchedule schedule, ControlPlane control, Clock clock, long startEpochMs) {
        return start(schedule, control, clock, startEpochMs, Restarts.launcher());
    }

    /** As {@link #start(ChaosSchedule, ControlPlane, Clock, long)}, restarting parts with {@code restarts}. */
    public static ChaosDriver start(ChaosSchedule schedule, ControlPlane control, Clock clock, long startEpochMs,
            Restarts restarts) {
        ChaosDriver driver = new ChaosDriver(schedule, control, clock, restarts);
        for (ChaosStep step : driver.steps) {
            long delay = Math.max(0, startEpochMs + step.offset().toMillis() - clock.millis());
            driver.scheduler.schedule(() -> driver.run(step), delay, TimeUnit.MILLISECONDS);
        }
        return driver;
    }

    private void run(ChaosStep step) {
        if (step.action() == ChaosStep.Action.RESTART) {
            restart(step);
            return;
        }
        AppliedChaos result = control.apply(step, clock.millis());
        applied.add(result);
        System.out.printf("chaos: %s -> %s%n", step.describe(), result.status() == 0 ? result.response() : result.status());
    }

    /** A restart blocks this driver's one thread until the part is ready: the next restart waits for it. */
    private void restart(ChaosStep step) {
        applied.add(new AppliedChaos(clock.millis(), step, 202, "SIGTERM"));
        System.out.printf("restart: %s%n", step.service());
        Restarts.Result result = restarts.restart(step.service());
        ChaosStep ready = ChaosStep.ready(step.offset(), step.service());
        applied.add(new AppliedChaos(clock.millis(), ready, result.succeeded() ? 200 : 500, result.output()));
        System.out.printf("restart: %s %s%n", step.service(), result.succeeded() ? "ready again" : "FAILED: " + result.output());
    }

    /**
     * Stops the schedule; a fault injected but not yet cleared (a run cut short) is cleared now, so
     * the stack is never left broken.
     */
    public List<AppliedChaos> finish() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<AppliedChaos> done = applied();
        for (ChaosStep step : steps) {
            boolean injected = done.stream().anyMatch(a -> a.step().equals(step) && step.action() == ChaosStep.Action.INJECT);
            boolean cleared = done.stream().anyMatch(a -> a.step().action() == ChaosStep.Action.CLEAR
                    && step.service() != null && step.service().equals(a.step().service()));
            if (injected && !cleared) {
                ChaosStep clear = ChaosStep.clear(Duration.ZERO, step.service());
                applied.add(control.apply(clear, clock.millis()));
            }
        }
        return applied();
    }

    /** The steps carried out so far, in time order. */
    public List<AppliedChaos> applied() {
        List<AppliedChaos> sorted = new ArrayList<>(applied);
        sorted.sort(Comparator.comparingLong(AppliedChaos::atEpochMs));
        return sorted;
    }
}

package dev.mosaic.composer.balancing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.mosaic.composer.client.BackendCallException;

/**
 * One instance's health, fed by two sources: its own calls (passive, Envoy's "outlier detection":
 * {@code consecutiveFailures} connect errors, resets or 5xx in a row eject it) and the active health
 * check ({@code failedChecksToTakeOut} failed checks in a row take a healthy instance out, one passing
 * check puts any instance back). Nothing
 * here reads a clock: time enters only through when the checks run, so the state machine is tested
 * without waiting.
 *
 * <p>Lock-free: calls on several event loops report at once; a transition is one compare-and-set,
 * so each is reported to the {@link Listener} exactly once.
 */
public final class InstanceHealth {

    /** Told of every transition (one log line, meters). */
    @FunctionalInterface
    public interface Listener {
        /** {@code instance} went from {@code from} to {@code to} because of {@code why}. */
        void transitioned(SourceInstance instance, InstanceState from, InstanceState to, String why);

        /** Tells no one. */
        Listener NONE = (instance, from, to, why) -> { };
    }

    private final int consecutiveFailures;
    private final int failedChecksToTakeOut;
    private final AtomicInteger failedChecksInARow = new AtomicInteger();
    private final AtomicReference<InstanceState> state = new AtomicReference<>(InstanceState.HEALTHY);
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final Runnable onChange;
    private SourceInstance instance;
    private Listener listener = Listener.NONE;

    /**
     * @param consecutiveFailures failed calls in a row that eject the instance (at least 1)
     * @param failedChecksToTakeOut failed health checks in a row that take a healthy instance out (at
     *     least 1): more than one, so that one slow answer of a busy instance does not
     * @param onChange run after every transition (the balancer recomputes its list of healthy instances)
     */
    InstanceHealth(int consecutiveFailures, int failedChecksToTakeOut, Runnable onChange) {
        if (consecutiveFailures < 1 || failedChecksToTakeOut < 1) {
            throw new IllegalArgumentException("consecutiveFailures and failedChecksToTakeOut must be at least 1");
        }
        this.consecutiveFailures = consecutiveFailures;
        this.failedChecksToTakeOut = failedChecksToTakeOut;
        this.onChange = onChange;
    }

    void bind(SourceInstance instance, Listener listener) {
        this.instance = instance;
        this.listener = listener;
    }

    /** The state now. */
    public InstanceState state() {
        return state.get();
    }

    /** Whether calls are offered to it. */
    public boolean isAvailable() {
        return state.get() == InstanceState.HEALTHY;
    }

    /**
     * How one call to the instance ended: a value, or the failure. Connect errors, broken
     * connections and 5xx count against it; anything else (a 4xx, a bad body, our own saturated pool)
     * says the instance answered, and ends a run of failures.
     */
    public void onCallEnded(Throwable failure) {
        if (failure == null || !countsAgainst(failure)) {
            if (failuresInARow.get() != 0) {
                failuresInARow.set(0);
            }
            return;
        }
        if (failuresInARow.incrementAndGet() >= consecutiveFailures) {
            transition(InstanceState.HEALTHY, InstanceState.EJECTED,
                    consecutiveFailures + " failed call(s) in a row, last: " + describe(failure));
        }
    }

    /** The result of one active health check. */
    public void onHealthCheck(boolean passed, String detail) {
        if (passed) {
            failuresInARow.set(0);
            failedChecksInARow.set(0);
            InstanceState now = state.get();
            if (now != InstanceState.HEALTHY) {
                transition(now, InstanceState.HEALTHY, "health check passed");
            }
        } else if (failedChecksInARow.incrementAndGet() >= failedChecksToTakeOut) {
            transition(InstanceState.HEALTHY, InstanceState.UNHEALTHY,
                    failedChecksToTakeOut + " health check(s) failed in a row, last: " + detail);
        }
    }

    private void transition(InstanceState from, InstanceState to, String why) {
        if (state.compareAndSet(from, to)) {
            onChange.run();
            listener.transitioned(instance, from, to, why);
        }
    }

    /** Whether a call's failure says the instance is unwell: connection refused or lost, or a 5xx. */
    static boolean countsAgainst(Throwable failure) {
        if (failure instanceof BackendCallException call) {
            return switch (call.kind()) {
                case CONNECT, CONNECTION_LOST -> true;
                case STATUS -> call.status() >= 500;
                case POOL_SATURATED, BODY_TOO_LARGE, BAD_BODY -> false;
            };
        }
        return false;
    }

    private static String describe(Throwable failure) {
        if (failure instanceof BackendCallException call) {
            return call.kind() == BackendCallException.Kind.STATUS ? "status " + call.status()
                    : call.kind().name();
        }
        return failure.getClass().getSimpleName();
    }
}

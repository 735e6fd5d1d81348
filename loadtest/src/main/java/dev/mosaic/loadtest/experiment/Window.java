package dev.mosaic.loadtest.experiment;

import java.time.Duration;

/**
 * A slice of a run that an SLO looks at. The "settled" windows leave out the transition at the start
 * of a phase: a breaker needs a few calls to open, and a few seconds to close again.
 */
public enum Window {
    /** The whole run. */
    ALL,
    /**
     * The run less the first half of the warm-up, which belongs to JIT compilation and connection
     * pools: what the steady-state SLOs judge.
     */
    STEADY,
    /** Before the fault. */
    WARMUP,
    /** While the fault is held. */
    FAULT,
    /** The fault window less its first {@link #SETTLE}. */
    FAULT_SETTLED,
    /** The first half of the fault window (an A/B experiment's first arm). */
    FAULT_FIRST_HALF,
    /** The second half of the fault window (an A/B experiment's second arm). */
    FAULT_SECOND_HALF,
    /** The first half less its first {@link #SETTLE}. */
    FAULT_FIRST_HALF_SETTLED,
    /** The second half less its first {@link #SETTLE}: the first arm's queue has drained, a limit adapted. */
    FAULT_SECOND_HALF_SETTLED,
    /** After the fault is cleared. */
    RECOVERY,
    /**
     * The end of the recovery, from {@link #RECOVERY_GRACE} (or half the recovery, if longer) after
     * the fault was cleared: a breaker has waited out its open state and closed again by then.
     */
    RECOVERY_TAIL;

    /** How long a transition is given before a settled window starts. */
    public static final Duration SETTLE = Duration.ofSeconds(3);
    /** The composer's breakers wait 5 s open, then need a few calls half-open, before they close. */
    public static final Duration RECOVERY_GRACE = Duration.ofSeconds(7);

    /** Whether a moment {@code offsetMillis} after the start lies in this window. */
    public boolean contains(long offsetMillis, Phases phases) {
        return offsetMillis >= from(phases) && offsetMillis < until(phases);
    }

    /** Where the window starts, as an offset from the start of the run (inclusive). */
    public long from(Phases phases) {
        long fault = phases.faultAt().toMillis();
        long clear = phases.clearAt().toMillis();
        long end = phases.end().toMillis();
        return switch (this) {
            case ALL, WARMUP -> 0;
            case STEADY -> fault / 2;
            case FAULT, FAULT_FIRST_HALF -> fault;
            case FAULT_SETTLED -> Math.min(fault + SETTLE.toMillis(), clear);
            case FAULT_SECOND_HALF -> fault + (clear - fault) / 2;
            case FAULT_FIRST_HALF_SETTLED -> Math.min(fault + SETTLE.toMillis(), fault + (clear - fault) / 2);
            case FAULT_SECOND_HALF_SETTLED -> Math.min(fault + (clear - fault) / 2 + SETTLE.toMillis(), clear);
            case RECOVERY -> clear;
            case RECOVERY_TAIL -> clear + Math.max((end - clear) / 2, RECOVERY_GRACE.toMillis());
        };
    }

    /**
     * Where the window ends, as an offset from the start (exclusive); {@link Long#MAX_VALUE} for the
     * windows that run to the end, since requests sent at the very end still belong to them.
     */
    public long until(Phases phases) {
        long fault = phases.faultAt().toMillis();
        long clear = phases.clearAt().toMillis();
        return switch (this) {
            case ALL, STEADY, RECOVERY, RECOVERY_TAIL -> Long.MAX_VALUE;
            case WARMUP -> fault;
            case FAULT_FIRST_HALF, FAULT_FIRST_HALF_SETTLED -> fault + (clear - fault) / 2;
            case FAULT, FAULT_SETTLED, FAULT_SECOND_HALF, FAULT_SECOND_HALF_SETTLED -> clear;
        };
    }

    /** Lower-case name with dashes, as used in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

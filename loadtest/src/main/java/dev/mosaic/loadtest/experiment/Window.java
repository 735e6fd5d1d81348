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
        long fault = phases.faultAt().toMillis();
        long clear = phases.clearAt().toMillis();
        long end = phases.end().toMillis();
        return switch (this) {
            case ALL -> offsetMillis >= 0;
            case STEADY -> offsetMillis >= fault / 2;
            case WARMUP -> offsetMillis >= 0 && offsetMillis < fault;
            case FAULT -> offsetMillis >= fault && offsetMillis < clear;
            case FAULT_SETTLED -> offsetMillis >= Math.min(fault + SETTLE.toMillis(), clear) && offsetMillis < clear;
            case RECOVERY -> offsetMillis >= clear;
            case RECOVERY_TAIL -> offsetMillis >= clear + Math.max((end - clear) / 2, RECOVERY_GRACE.toMillis());
        };
    }

    /** Lower-case name with dashes, as used in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}

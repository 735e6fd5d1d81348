package dev.mosaic.loadtest.experiment;

import java.time.Duration;

/**
 * The timeline every experiment follows: warm-up, then the fault is injected and held, then it is
 * cleared and the system recovers. Offsets are from the start of the run.
 *
 * <pre>{@code
 * Phases phases = Phases.of(Duration.ofSeconds(60)); // fault at 15 s, cleared at 39 s, end at 60 s
 * }</pre>
 *
 * @param faultAt offset at which the fault is injected (end of warm-up)
 * @param clearAt offset at which the fault is cleared (start of recovery)
 * @param end     length of the whole run
 */
public record Phases(Duration faultAt, Duration clearAt, Duration end) {

    /** Share of the run spent warming up before the fault. */
    public static final double WARMUP_SHARE = 0.25;
    /** Share of the run the fault is held; recovery gets the rest (35%). */
    public static final double HOLD_SHARE = 0.40;
    /** Below this a run cannot show warm-up, fault and recovery with a breaker's 5 s open wait. */
    public static final Duration MINIMUM = Duration.ofSeconds(10);

    public Phases {
        if (faultAt.isNegative() || clearAt.compareTo(faultAt) < 0 || end.compareTo(clearAt) < 0) {
            throw new IllegalArgumentException("phases must be ordered 0 <= faultAt <= clearAt <= end, were "
                    + faultAt + ", " + clearAt + ", " + end);
        }
    }

    /** The standard split of a run of {@code total}: 25% warm-up, 40% fault, 35% recovery. */
    public static Phases of(Duration total) {
        if (total.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("an experiment needs at least " + MINIMUM.toSeconds()
                    + " s to show warm-up, fault and recovery; was " + total.toMillis() + " ms");
        }
        long millis = total.toMillis();
        long faultAt = Math.round(millis * WARMUP_SHARE);
        long clearAt = faultAt + Math.round(millis * HOLD_SHARE);
        return new Phases(Duration.ofMillis(faultAt), Duration.ofMillis(clearAt), total);
    }

    /** Length of the warm-up. */
    public Duration warmup() {
        return faultAt;
    }

    /** How long the fault is held. */
    public Duration hold() {
        return clearAt.minus(faultAt);
    }

    /** Length of the recovery. */
    public Duration recovery() {
        return end.minus(clearAt);
    }

    /** The phase a moment {@code offsetMillis} after the start falls in. */
    public Phase phaseAt(long offsetMillis) {
        if (offsetMillis < faultAt.toMillis()) {
            return Phase.WARMUP;
        }
        return offsetMillis < clearAt.toMillis() ? Phase.FAULT : Phase.RECOVERY;
    }

    /** The three phases of a run. */
    public enum Phase { WARMUP, FAULT, RECOVERY }
}

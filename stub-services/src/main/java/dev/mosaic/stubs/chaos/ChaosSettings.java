package dev.mosaic.stubs.chaos;

/**
 * The chaos one backend applies to every request, immutable; a change swaps in a new instance.
 *
 * <p>Per request, in this order: a {@code fault} is injected with probability {@code faultRate};
 * otherwise an {@code errorStatus} answer is given with probability {@code errorRate}; otherwise the
 * normal answer. Every answer (faults included) first waits a delay drawn from
 * {@code distribution} around {@code latencyMs ± jitterMs}; a body is dribbled out in chunks over
 * {@code dribbleMs}. {@code down} refuses connections altogether. A {@code slowRate} share of requests
 * waits {@code slowMs} more on top (stragglers, for tail-latency tests).
 *
 * @param latencyMs    added delay in milliseconds, 0–{@value #MAX_MILLIS}
 * @param jitterMs     spread of the delay, 0–{@value #MAX_MILLIS}
 * @param distribution shape of the spread
 * @param errorRate    probability (0–1) of answering with {@code errorStatus}
 * @param errorStatus  the injected error status, 400–599
 * @param fault        the injected transport fault, or {@code null} for none
 * @param faultRate    probability (0–1) that a request gets {@code fault}
 * @param dribbleMs    the body is sent in chunks spread over this many milliseconds
 * @param down         the backend refuses connections
 * @param seed         seed of the decision sequence, or {@code null} for a random one
 * @param slowRate     probability (0–1) that a request is a straggler
 * @param slowMs       extra delay of a straggler, 0–{@value #MAX_MILLIS}
 */
public record ChaosSettings(
        long latencyMs,
        long jitterMs,
        Distribution distribution,
        double errorRate,
        int errorStatus,
        ChaosFault fault,
        double faultRate,
        long dribbleMs,
        boolean down,
        Long seed,
        double slowRate,
        long slowMs) {

    /** Upper bound of every millisecond field: a minute is plenty for any timeout experiment. */
    public static final long MAX_MILLIS = 60_000;
    /** The status injected errors get unless told otherwise. */
    public static final int DEFAULT_ERROR_STATUS = 503;
    /** Setting only a {@code fault} makes every request fail that way. */
    public static final double DEFAULT_FAULT_RATE = 1.0;
    public static final Distribution DEFAULT_DISTRIBUTION = Distribution.UNIFORM;

    public ChaosSettings {
        requireMillis("latencyMs", latencyMs);
        requireMillis("jitterMs", jitterMs);
        requireMillis("dribbleMs", dribbleMs);
        requireMillis("slowMs", slowMs);
        requireRate("slowRate", slowRate);
        requireRate("errorRate", errorRate);
        requireRate("faultRate", faultRate);
        if (distribution == null) {
            throw new InvalidChaosSettingsException("distribution", "must be one of fixed, uniform, lognormal");
        }
        if (errorStatus < 400 || errorStatus > 599) {
            throw new InvalidChaosSettingsException("errorStatus", "must be a 4xx or 5xx status, was " + errorStatus);
        }
    }

    /** No chaos: prompt, correct answers; decisions seeded with {@code seed} (may be {@code null}). */
    public static ChaosSettings none(Long seed) {
        return new ChaosSettings(0, 0, DEFAULT_DISTRIBUTION, 0.0, DEFAULT_ERROR_STATUS, null,
                DEFAULT_FAULT_RATE, 0, false, seed, 0.0, 0);
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireMillis(String field, long value) {
        if (value < 0 || value > MAX_MILLIS) {
            throw new InvalidChaosSettingsException(field, "must be between 0 and " + MAX_MILLIS + " ms, was " + value);
        }
    }

    private static void requireRate(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new InvalidChaosSettingsException(field, "must be between 0 and 1, was " + value);
        }
    }

    /** Mutable companion used to apply a partial change; {@link #build()} validates. */
    public static final class Builder {
        private long latencyMs;
        private long jitterMs;
        private Distribution distribution;
        private double errorRate;
        private int errorStatus;
        private ChaosFault fault;
        private double faultRate;
        private long dribbleMs;
        private boolean down;
        private Long seed;
        private double slowRate;
        private long slowMs;

        private Builder(ChaosSettings from) {
            slowRate = from.slowRate;
            slowMs = from.slowMs;
            latencyMs = from.latencyMs;
            jitterMs = from.jitterMs;
            distribution = from.distribution;
            errorRate = from.errorRate;
            errorStatus = from.errorStatus;
            fault = from.fault;
            faultRate = from.faultRate;
            dribbleMs = from.dribbleMs;
            down = from.down;
            seed = from.seed;
        }

        public Builder latencyMs(long value) { latencyMs = value; return this; }
        public Builder jitterMs(long value) { jitterMs = value; return this; }
        public Builder distribution(Distribution value) { distribution = value; return this; }
        public Builder errorRate(double value) { errorRate = value; return this; }
        public Builder errorStatus(int value) { errorStatus = value; return this; }
        public Builder fault(ChaosFault value) { fault = value; return this; }
        public Builder faultRate(double value) { faultRate = value; return this; }
        public Builder dribbleMs(long value) { dribbleMs = value; return this; }
        public Builder down(boolean value) { down = value; return this; }
        public Builder seed(Long value) { seed = value; return this; }
        public Builder slowRate(double value) { slowRate = value; return this; }
        public Builder slowMs(long value) { slowMs = value; return this; }

        public ChaosSettings build() {
            return new ChaosSettings(latencyMs, jitterMs, distribution, errorRate, errorStatus, fault,
                    faultRate, dribbleMs, down, seed, slowRate, slowMs);
        }
    }
}

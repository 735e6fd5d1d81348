package dev.mosaic.stubs.chaos;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a backend's added latency is spread around {@code latencyMs}.
 *
 * <ul>
 *   <li>{@code fixed}: exactly {@code latencyMs}; {@code jitterMs} is ignored.</li>
 *   <li>{@code uniform} (default): uniformly within {@code latencyMs ± jitterMs}, never below 0;
 *       with no jitter this equals {@code fixed}.</li>
 *   <li>{@code lognormal}: median {@code latencyMs}, sigma {@code jitterMs / latencyMs}; a long
 *       right tail like real services have, capped at {@link ChaosSettings#MAX_MILLIS}.</li>
 * </ul>
 */
public enum Distribution {

    FIXED {
        @Override
        long sample(long latencyMs, long jitterMs, RandomGenerator random) {
            return latencyMs;
        }
    },
    UNIFORM {
        @Override
        long sample(long latencyMs, long jitterMs, RandomGenerator random) {
            if (jitterMs == 0) {
                return latencyMs;
            }
            long low = Math.max(0, latencyMs - jitterMs);
            return random.nextLong(low, latencyMs + jitterMs + 1);
        }
    },
    LOGNORMAL {
        @Override
        long sample(long latencyMs, long jitterMs, RandomGenerator random) {
            if (latencyMs == 0 || jitterMs == 0) {
                return latencyMs;
            }
            double sigma = (double) jitterMs / latencyMs;
            double value = latencyMs * Math.exp(sigma * random.nextGaussian());
            return Math.min(ChaosSettings.MAX_MILLIS, Math.round(value));
        }
    };

    /** Draws one delay in milliseconds. */
    abstract long sample(long latencyMs, long jitterMs, RandomGenerator random);

    /** The name used in JSON: {@code fixed}, {@code uniform}, {@code lognormal}. */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a JSON name, ignoring case. */
    public static Optional<Distribution> parse(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }
}

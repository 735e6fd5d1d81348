package dev.mosaic.loadtest.experiment;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an experiment's requests go and what else it sends: the gateway path of each request (an
 * experiment may compare two compositions, one per half of the fault window), an optional burst of
 * requests for one user, and the rate and duration it runs at unless told otherwise.
 *
 * <pre>{@code
 * Traffic t = Traffic.DASHBOARD;                       // every request: GET /api/dashboard/{userId}
 * Traffic ab = Traffic.comparing("/api/dashboard/", "/api/dashboard-hedged/");
 * }</pre>
 *
 * @param routing         the path prefix of each request, to which the user id is appended
 * @param burst           requests for one user at once, during the fault window, if any
 * @param defaultRate     the rate when the run does not give one (0: the suite's default)
 * @param defaultDuration the duration when the run does not give one, if any
 */
public record Traffic(Routing routing, Optional<Burst> burst, double defaultRate, Optional<Duration> defaultDuration) {

    /** The dashboard, as every experiment before the comparisons asked for it. */
    public static final String DASHBOARD = "/api/dashboard/";

    /** Every request for {@link #DASHBOARD}, at the suite's defaults. */
    public static final Traffic DASHBOARD_ONLY = new Traffic(Routing.always(DASHBOARD), Optional.empty(), 0,
            Optional.empty());

    public Traffic {
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(burst, "burst");
        Objects.requireNonNull(defaultDuration, "defaultDuration");
    }

    /**
     * An A/B comparison in one run: the warm-up and the recovery alternate between {@code first} and
     * {@code second} (so both are warm), the first half of the fault window asks only for {@code
     * first} and the second half only for {@code second}, so that backend calls counted at the stubs
     * per half belong to one of them.
     */
    public static Traffic comparing(String first, String second) {
        return new Traffic(Routing.halves(first, second), Optional.empty(), 0, Optional.empty());
    }

    /** The same, run at {@code rate} for {@code duration} unless the run says otherwise. */
    public Traffic runningAt(double rate, Duration duration) {
        return new Traffic(routing, burst, rate, Optional.of(duration));
    }

    /** The same with {@code burst} added. */
    public Traffic with(Burst burst) {
        return new Traffic(routing, Optional.of(burst), defaultRate, defaultDuration);
    }

    /** The path prefix of a request. */
    @FunctionalInterface
    public interface Routing {

        /** The path prefix for the {@code sequence}th request, sent {@code offsetMillis} after the start. */
        String pathAt(long offsetMillis, Phases phases, long sequence);

        static Routing always(String path) {
            return (offset, phases, sequence) -> path;
        }

        static Routing halves(String first, String second) {
            return new Halves(first, second);
        }
    }

    /** {@code first} in the fault window's first half, {@code second} in its second, alternating otherwise. */
    public record Halves(String first, String second) implements Routing {

        @Override
        public String pathAt(long offsetMillis, Phases phases, long sequence) {
            if (Window.FAULT_FIRST_HALF.contains(offsetMillis, phases)) {
                return first;
            }
            if (Window.FAULT_SECOND_HALF.contains(offsetMillis, phases)) {
                return second;
            }
            return sequence % 2 == 0 ? first : second;
        }
    }

    /**
     * {@code requests} requests for {@code userId}, spread evenly over {@code over}, starting {@code
     * after} the fault is injected. Each is sent with the next client's token (every client may read
     * any dashboard), so the rate limit per client does not shed them.
     */
    public record Burst(String userId, int requests, Duration over, Duration after) {

        public Burst {
            Objects.requireNonNull(userId, "userId");
            if (requests < 1) {
                throw new IllegalArgumentException("a burst needs at least one request, was " + requests);
            }
            if (over.isNegative() || over.isZero() || after.isNegative()) {
                throw new IllegalArgumentException("a burst needs a positive length and a start at or after the fault");
            }
        }
    }
}

package dev.mosaic.loadtest.run;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.mosaic.loadtest.experiment.Phases;

/**
 * The users the traffic rotates over, each with its own token, so that each is its own rate-limit
 * client at the gateway. An experiment that must get past last-known-good caches asks, during the
 * fault, for "cold" users the warm-up never asked for.
 *
 * <pre>{@code
 * DashboardTargets targets = DashboardTargets.of(hot, cold, phases);
 * Target t = targets.next(offsetMillis); // GET /api/dashboard/{t.userId()} with Bearer t.token()
 * }</pre>
 */
public final class DashboardTargets {

    /** One user to ask for and the token to ask with. */
    public record Target(String userId, String token) {
    }

    private final List<Target> hot;
    private final List<Target> cold;
    private final Phases phases;
    private final AtomicLong hotCursor = new AtomicLong();
    private final AtomicLong coldCursor = new AtomicLong();

    private DashboardTargets(List<Target> hot, List<Target> cold, Phases phases) {
        if (hot.isEmpty()) {
            throw new IllegalArgumentException("at least one user is needed");
        }
        this.hot = List.copyOf(hot);
        this.cold = List.copyOf(cold);
        this.phases = phases;
    }

    /** Rotates over {@code hot}, and over {@code cold} (when not empty) during the fault. */
    public static DashboardTargets of(List<Target> hot, List<Target> cold, Phases phases) {
        return new DashboardTargets(hot, cold, phases);
    }

    /** The seeded user ids {@code u-from} … {@code u-to}. */
    public static List<String> userIds(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(i -> "u-" + i).toList();
    }

    /** The next target for a request sent {@code offsetMillis} after the start. */
    public Target next(long offsetMillis) {
        if (!cold.isEmpty() && phases.phaseAt(offsetMillis) == Phases.Phase.FAULT) {
            return cold.get((int) (coldCursor.getAndIncrement() % cold.size()));
        }
        return hot.get((int) (hotCursor.getAndIncrement() % hot.size()));
    }
}

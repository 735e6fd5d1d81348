package dev.mosaic.loadtest.experiment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import dev.mosaic.loadtest.probe.CircuitState;
import dev.mosaic.loadtest.slo.Slo;

/**
 * The catalogue of named experiments. Thresholds are sized for this project's 2-core machine
 * running the whole stack and Gatling together, against the composer's defaults (300–400 ms attempt
 * timeout, 900 ms deadline, breakers that open on half their calls failing and wait 5 s open).
 *
 * <pre>{@code
 * Experiment e = Experiments.byName("recommendations-outage").orElseThrow();
 * }</pre>
 */
public final class Experiments {

    /** The edge may add this much to the composer's 900 ms deadline before a response counts as late. */
    public static final long DEADLINE_WITH_MARGIN_MS = 1_100;
    /** A healthy dashboard on loopback. */
    public static final long BASELINE_P99_MS = 500;

    /** The dashboard with hedged order calls, served by the {@code stragglers} stack (loadtest/stacks/stragglers). */
    public static final String HEDGED_DASHBOARD = "/api/dashboard-hedged/";
    /** The dashboard on a route with the adaptive limit, served by the {@code overload} stack. */
    public static final String ADAPTIVE_DASHBOARD = "/api/dashboard-adaptive/";
    /** The user every request of {@code thundering-herd}'s burst asks for. */
    public static final String HERD_USER = "u-7";

    private static final Function<RunSettings, LoadProfile> CONSTANT_RATE = s -> LoadProfile.constant(s.rate(), s.users());

    private Experiments() {
    }

    /** Every experiment, in the order the docs present them. */
    public static List<Experiment> all() {
        return List.of(baseline(), slowRecommendations(), flakyOrders(), recommendationsOutage(), userResets(),
                overload(), stragglers(), thunderingHerd(), backendInstanceLoss(), rollingRestart());
    }

    /** The experiment called {@code name}. */
    public static Optional<Experiment> byName(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The names, for usage messages. */
    public static List<String> names() {
        return all().stream().map(Experiment::name).toList();
    }

    /** The instances {@code rolling-restart} restarts, in order (those of {@code ./mosaic up --replicas 2}). */
    public static final List<String> ROLLING_RESTART_PARTS = List.of("composer-1", "composer-2", "gateway-1", "gateway-2");

    /**
     * Every gateway and composer of {@code ./mosaic up --replicas 2} restarted one by one under steady load:
     * the drain, the gateway's readiness checks of the composers and nginx's next upstream must lose nothing.
     */
    public static Experiment rollingRestart() {
        return new Experiment("rolling-restart",
                "With two composers and two gateways behind nginx (./mosaic up --replicas 2), restarting every "
                        + "instance one by one (SIGTERM, exit, start, ready) under steady load fails no request and "
                        + "keeps p99 under the baseline's " + BASELINE_P99_MS + " ms.",
                Optional.of(Fault.rollingRestart(ROLLING_RESTART_PARTS)), CONSTANT_RATE,
                List.of(Slo.errorRateAtMost(Window.STEADY, 0.0),
                        Slo.latencyBelow(Window.STEADY, 99, BASELINE_P99_MS)),
                false);
    }

    public static Experiment baseline() {
        return new Experiment("baseline",
                "With no fault, every dashboard is served complete, p99 stays under " + BASELINE_P99_MS
                        + " ms and (almost) nothing fails at the configured rate.",
                Optional.empty(), CONSTANT_RATE,
                List.of(Slo.latencyBelow(Window.STEADY, 99, BASELINE_P99_MS),
                        Slo.errorRateAtMost(Window.STEADY, 0.01),
                        Slo.degradedRateAtMost(Window.STEADY, 0.01)),
                false);
    }

    public static Experiment slowRecommendations() {
        return new Experiment("slow-recommendations",
                "When recommendations answer with a lognormal tail above the section timeout, dashboards "
                        + "still answer 200, only recommendations degrade, p99 stays under the deadline, and "
                        + "everything is complete again after recovery.",
                Optional.of(Fault.of("recommendations",
                        Map.of("latencyMs", 600, "jitterMs", 300, "distribution", "lognormal"))),
                CONSTANT_RATE,
                List.of(Slo.no5xx(Window.STEADY),
                        Slo.errorRateAtMost(Window.STEADY, 0.01),
                        Slo.degradedRateAtLeast(Window.FAULT_SETTLED, 0.5),
                        Slo.onlySectionDegraded(Window.FAULT, "recommendations"),
                        Slo.latencyBelow(Window.FAULT, 99, DEADLINE_WITH_MARGIN_MS),
                        Slo.degradedRateAtMost(Window.RECOVERY_TAIL, 0.05)),
                false);
    }

    public static Experiment flakyOrders() {
        return new Experiment("flaky-orders",
                "When half the order calls fail with 503, retries absorb part of it within the retry budget: "
                        + "the order service sees at most 1.5 calls per dashboard, and no 5xx reaches the edge.",
                Optional.of(Fault.of("orders", Map.of("errorRate", 0.5, "errorStatus", 503))),
                CONSTANT_RATE,
                List.of(Slo.no5xx(Window.STEADY),
                        Slo.errorRateAtMost(Window.STEADY, 0.01),
                        Slo.backendCallsPerDashboardAtMost("orders", Window.FAULT, 1.5),
                        Slo.onlySectionDegraded(Window.FAULT, "orders"),
                        Slo.latencyBelow(Window.FAULT, 99, DEADLINE_WITH_MARGIN_MS),
                        Slo.degradedRateAtMost(Window.RECOVERY_TAIL, 0.05)),
                false);
    }

    public static Experiment recommendationsOutage() {
        return new Experiment("recommendations-outage",
                "When the recommendation service goes down, its circuit opens (CLOSED -> OPEN), dashboards stay "
                        + "fast and degraded instead of failing, and after it comes back the circuit closes again "
                        + "(via HALF_OPEN) and dashboards are complete.",
                Optional.of(Fault.of("recommendations", Map.of("down", true))),
                CONSTANT_RATE,
                List.of(Slo.no5xx(Window.STEADY),
                        Slo.errorRateAtMost(Window.STEADY, 0.01),
                        Slo.latencyBelow(Window.FAULT_SETTLED, 99, 400),
                        Slo.degradedRateAtLeast(Window.FAULT_SETTLED, 0.9),
                        Slo.circuitPassesThrough("recommendations",
                                List.of(CircuitState.CLOSED, CircuitState.OPEN, CircuitState.CLOSED)),
                        Slo.circuitEndsIn("recommendations", CircuitState.CLOSED),
                        Slo.degradedRateAtMost(Window.RECOVERY_TAIL, 0.05)),
                false);
    }

    public static Experiment userResets() {
        return new Experiment("user-resets",
                "When the required user section fails (connections reset), each dashboard is either served from "
                        + "the last-known-good cache or refused with a clean, fast 503 problem+json with Retry-After; "
                        + "nothing hangs, and no connections pile up afterwards.",
                Optional.of(Fault.of("user", Map.of("fault", "CONNECTION_RESET_BY_PEER"))),
                CONSTANT_RATE,
                List.of(Slo.statusesWithin(Window.STEADY, List.of(200, 503), 0.005),
                        Slo.refusalsWellFormed(Window.STEADY),
                        Slo.refusalLatencyBelow(Window.FAULT, DEADLINE_WITH_MARGIN_MS),
                        Slo.latencyBelow(Window.FAULT, 99, DEADLINE_WITH_MARGIN_MS),
                        Slo.statusSeen(Window.FAULT, 503,
                                "every user was answered from the last-known-good cache"),
                        Slo.errorRateAtMost(Window.RECOVERY_TAIL, 0.01),
                        Slo.noConnectionPileUp(50)),
                true);
    }

    /**
     * The gateway's adaptive limit against a fixed one in one run: the arrival rate steps to three
     * times the stack's capacity, spread over many clients (so that no client's rate limit sheds);
     * the first half of the step asks for a copy of the dashboard whose route has the adaptive limit
     * ({@code goodput} in this run's stack, loadtest/stacks/overload), so that it is the adaptive limit
     * that meets the step from a steady state; the second half asks for the dashboard, whose route has
     * a fixed limit of 256 in flight there. The composer's own door is off in that stack, so the edge's
     * limit is all that stands between the step and the queue.
     *
     * <p>The adaptive half is judged on what the limit promises on any machine: goodput near capacity,
     * answers within the deadline and no slower than the fixed half's (that one lets its queue grow:
     * on a slow machine into timeouts, on a fast one into latency), and the healthy backends' breakers
     * left closed (at most 1% degraded). Whether the fixed half's goodput is lower depends on whether
     * 256 in flight fit within the deadline on the machine, so it is reported, not judged.
     */
    public static Experiment overload() {
        return new Experiment("overload",
                "When the arrival rate steps to three times what the stack can serve, the gateway's adaptive "
                        + "concurrency limit sheds the excess at once with 503 problem+json: goodput stays within "
                        + "20% of capacity, the dashboards it serves stay within the deadline and no slower than "
                        + "behind a fixed limit, which lets the queue grow, and the healthy backends' breakers stay "
                        + "closed; after the step latency and errors return to normal.",
                Optional.empty(),
                s -> new LoadProfile(s.rate(), s.capacity() * s.overloadFactor(), s.overloadClients()),
                List.of(Slo.goodputAtLeastShareOfCapacity(Window.FAULT_FIRST_HALF_SETTLED, 0.8, DEADLINE_WITH_MARGIN_MS),
                        Slo.servedLatencyBelow(Window.FAULT_FIRST_HALF_SETTLED, 99, DEADLINE_WITH_MARGIN_MS),
                        Slo.servedLatencyAtMostThatOf(Window.FAULT_FIRST_HALF_SETTLED, Window.FAULT_SECOND_HALF_SETTLED,
                                99, DEADLINE_WITH_MARGIN_MS),
                        Slo.degradedRateAtMost(Window.FAULT_FIRST_HALF_SETTLED, 0.01),
                        Slo.statusesWithin(Window.FAULT_FIRST_HALF_SETTLED, List.of(200, 429, 503), 0.01),
                        Slo.refusalsWellFormed(Window.FAULT_FIRST_HALF),
                        Slo.refusalLatencyBelow(Window.FAULT_FIRST_HALF_SETTLED, 250),
                        Slo.errorRateAtMost(Window.RECOVERY_TAIL, 0.01),
                        Slo.latencyBelow(Window.RECOVERY_TAIL, 99, BASELINE_P99_MS)),
                false,
                Traffic.comparing(ADAPTIVE_DASHBOARD, Traffic.DASHBOARD));
    }

    /**
     * Hedging against hedging off in one run, on one stack: the shipped dashboard (orders not hedged)
     * in the fault window's first half, a copy whose orders source hedges after its live p99 in the
     * second. Runs at 40/s for 3 minutes unless told otherwise, so each half has about 1,400 requests
     * and the p99 is not a handful of them.
     */
    public static Experiment stragglers() {
        return new Experiment("stragglers",
                "When 2% of order calls straggle (+600 ms, past the 400 ms attempt timeout), a hedge sent after the "
                        + "order service's live p99 answers them: the dashboard's p99 with hedging is at most half "
                        + "of its p99 without, for at most 5% more order calls (counted at the stub).",
                Optional.of(Fault.of("orders", Map.of("slowRate", 0.02, "slowMs", 600))),
                CONSTANT_RATE,
                List.of(Slo.no5xx(Window.STEADY),
                        Slo.errorRateAtMost(Window.STEADY, 0.01),
                        Slo.degradedRateAtMost(Window.FAULT, 0.01),
                        Slo.latencyRatioAtMost(Window.FAULT_SECOND_HALF, Window.FAULT_FIRST_HALF, 99, 0.5),
                        Slo.backendCallsPerDashboardAtMost("orders", Window.FAULT_SECOND_HALF, 1.05),
                        Slo.backendCallsPerDashboardAtMost("orders", Window.FAULT_FIRST_HALF, 1.5),
                        Slo.latencyBelow(Window.FAULT_SECOND_HALF, 99, BASELINE_P99_MS)),
                false,
                Traffic.comparing(Traffic.DASHBOARD, HEDGED_DASHBOARD).runningAt(40, Duration.ofMinutes(3)));
    }

    /**
     * A thousand dashboards of one user within one second, and nothing else, while orders take 300 ms,
     * on a stack whose sources coalesce identical calls (loadtest/stacks/thundering-herd).
     */
    public static Experiment thunderingHerd() {
        return new Experiment("thundering-herd",
                "When 1,000 requests for the same user arrive within one second while orders take 300 ms, "
                        + "coalescing shares the backend calls: each backend sees at most 10 calls for them, and "
                        + "every answer is a complete dashboard; the burst queues (it is about three times what "
                        + "two cores serve in a second) but drains within 5 s.",
                Optional.of(Fault.of("orders", Map.of("latencyMs", 300))),
                s -> new LoadProfile(s.rate(), 0, s.users()),
                // the burst starts 4 s into the fault, after FAULT_SETTLED begins: the warm-up's last
                // requests (other users) are still being answered at the fault's start, and are not the herd's
                List.of(Slo.errorRateAtMost(Window.STEADY, 0.01),
                        Slo.errorRateAtMost(Window.FAULT, 0),
                        Slo.degradedRateAtMost(Window.FAULT, 0),
                        Slo.backendCallsAtMost("user", Window.FAULT_SETTLED, 10),
                        Slo.backendCallsAtMost("orders", Window.FAULT_SETTLED, 10),
                        Slo.backendCallsAtMost("recommendations", Window.FAULT_SETTLED, 10),
                        Slo.latencyBelow(Window.FAULT, 99, 5_000),
                        Slo.errorRateAtMost(Window.RECOVERY_TAIL, 0.01)),
                false,
                Traffic.DASHBOARD_ONLY.with(new Traffic.Burst(HERD_USER, 1_000, Duration.ofSeconds(1),
                        Duration.ofSeconds(4))));
    }

    /**
     * One of two order-service instances goes down (the stack started with
     * {@code MOSAIC_BACKEND_REPLICAS=2}; {@code loadtest/run} starts it so): the composer's balancer
     * ejects it within a few calls, a retry goes to the other instance, and dashboards stay complete.
     */
    public static Experiment backendInstanceLoss() {
        return new Experiment("backend-instance-loss",
                "When one of the order service's two instances goes down, the composer takes it out of its "
                        + "balancer within a few calls and the other instance serves: dashboards stay complete "
                        + "(degraded at most 1%), no 5xx, p99 within the baseline's " + BASELINE_P99_MS
                        + " ms, and the orders circuit stays closed.",
                Optional.of(Fault.onInstance("orders", 1, Map.of("down", true))),
                CONSTANT_RATE,
                List.of(Slo.no5xx(Window.STEADY),
                        Slo.errorRateAtMost(Window.STEADY, 0.01),
                        Slo.degradedRateAtMost(Window.STEADY, 0.01),
                        Slo.degradedRateAtMost(Window.FAULT, 0.01),
                        Slo.latencyBelow(Window.STEADY, 99, BASELINE_P99_MS),
                        Slo.latencyBelow(Window.FAULT, 99, BASELINE_P99_MS),
                        Slo.backendCallsPerDashboardAtMost("orders", Window.FAULT, 1.2),
                        Slo.circuitEndsIn("orders", CircuitState.CLOSED)),
                false);
    }
}

package dev.mosaic.loadtest.slo;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.mosaic.loadtest.experiment.Window;
import dev.mosaic.loadtest.probe.CircuitState;
import dev.mosaic.loadtest.probe.ProbeSample;
import dev.mosaic.loadtest.report.CircuitTimeline;
import dev.mosaic.loadtest.report.LatencyStats;
import dev.mosaic.loadtest.report.RequestRecord;

/**
 * A service-level objective an experiment asserts: a named condition judged on a {@link RunData}.
 * A window without any request fails (a silent run proves nothing).
 *
 * <pre>{@code
 * List<Slo> slos = List.of(
 *         Slo.latencyBelow(Window.FAULT, 99, 1_000),
 *         Slo.errorRateAtMost(Window.ALL, 0.01));
 * }</pre>
 */
public interface Slo {

    /** What is required, e.g. {@code p99 during fault < 1000 ms}. */
    String name();

    /** Judges a run. */
    SloResult evaluate(RunData run);

    /** A named condition. */
    static Slo of(String name, Function<RunData, SloResult> judge) {
        return new NamedSlo(name, judge);
    }

    /** The {@code percentile}th latency of the requests in {@code window} is below {@code millis}. */
    static Slo latencyBelow(Window window, int percentile, long millis) {
        String name = "p" + percentile + " " + during(window) + " < " + millis + " ms";
        return withRequests(name, window, stats -> {
            long value = stats.at(percentile);
            return SloResult.judge(name, value < millis, "p" + percentile + " = " + value + " ms over " + stats.count() + " requests");
        });
    }

    /**
     * An A/B comparison: the {@code percentile}th latency in {@code treated} is at most {@code ratio}
     * times the one in {@code control} (e.g. hedging on against hedging off, one half of the fault each).
     */
    static Slo latencyRatioAtMost(Window treated, Window control, int percentile, double ratio) {
        String name = "p" + percentile + " " + during(treated) + " <= " + ratio + " x p" + percentile + " "
                + during(control);
        return of(name, run -> {
            LatencyStats a = run.statsIn(treated);
            LatencyStats b = run.statsIn(control);
            if (a.count() == 0 || b.count() == 0) {
                return SloResult.fail(name, "no requests " + (a.count() == 0 ? during(treated) : during(control)));
            }
            long treatedValue = a.at(percentile);
            long controlValue = b.at(percentile);
            return SloResult.judge(name, treatedValue <= ratio * controlValue, String.format(Locale.ROOT,
                    "%d ms (%d requests) against %d ms (%d requests): %.2f x", treatedValue, a.count(), controlValue,
                    b.count(), controlValue == 0 ? 0.0 : (double) treatedValue / controlValue));
        });
    }

    /**
     * Backend calls to {@code service} during {@code window}, counted at the stubs, are at most
     * {@code max} in all: identical calls were shared. Unavailable when the stubs do not count them.
     */
    static Slo backendCallsAtMost(String service, Window window, long max) {
        String name = service + " backend calls " + during(window) + " <= " + max;
        return withBackendCalls(name, service, window, (calls, dashboards) -> SloResult.judge(name, calls <= max,
                String.format(Locale.ROOT, "%.0f calls for %d dashboards", calls, dashboards)));
    }


    /**
     * Goodput (200s within {@code withinMs}, per second) in {@code window} is at least {@code share}
     * of the stack's capacity (the run's {@code --capacity}).
     */
    static Slo goodputAtLeastShareOfCapacity(Window window, double share, long withinMs) {
        String name = "goodput (complete 200s within " + withinMs + " ms) " + during(window) + " >= " + percent(share)
                + " of capacity";
        return of(name, run -> {
            if (run.requestsIn(window).isEmpty()) {
                return SloResult.fail(name, "no requests " + during(window));
            }
            double goodput = run.goodputIn(window, withinMs);
            return SloResult.judge(name, goodput >= share * run.capacity(), String.format(Locale.ROOT,
                    "%.0f/s of a capacity of %.0f/s (%.0f%%)", goodput, run.capacity(), 100 * goodput / run.capacity()));
        });
    }

    /**
     * An A/B comparison of the dashboards actually served (200s): their {@code percentile}th latency in
     * {@code treated} is at most the one in {@code control}, i.e. the control let its queue grow where
     * the treated arm did not. Passes, saying so, when the control served nothing at all (its queue grew
     * into timeouts); the measured text also gives both arms' goodput within {@code withinMs}.
     */
    static Slo servedLatencyAtMostThatOf(Window treated, Window control, int percentile, long withinMs) {
        String name = "p" + percentile + " of 200s " + during(treated) + " <= p" + percentile + " of 200s "
                + during(control);
        return of(name, run -> {
            List<RequestRecord> a = served(run, treated);
            List<RequestRecord> b = served(run, control);
            if (a.isEmpty()) {
                return SloResult.fail(name, "no dashboard was served " + during(treated));
            }
            String goodputs = String.format(Locale.ROOT, "goodput %.0f/s against %.0f/s",
                    run.goodputIn(treated, withinMs), run.goodputIn(control, withinMs));
            long treatedValue = LatencyStats.of(a).at(percentile);
            if (b.isEmpty()) {
                return SloResult.pass(name, treatedValue + " ms against nothing served " + during(control) + "; "
                        + goodputs);
            }
            long controlValue = LatencyStats.of(b).at(percentile);
            return SloResult.judge(name, treatedValue <= controlValue, String.format(Locale.ROOT,
                    "%d ms (%d served) against %d ms (%d served); %s", treatedValue, a.size(), controlValue, b.size(),
                    goodputs));
        });
    }

    /** The requests in {@code window} that are not a 200 are at most {@code max} of all. */
    static Slo errorRateAtMost(Window window, double max) {
        String name = "error rate " + during(window) + " <= " + percent(max);
        return withRequests(name, window, stats -> SloResult.judge(name, stats.errorRate() <= max,
                "error rate = " + percent(stats.errorRate()) + " " + statuses(stats)));
    }

    /** No request in {@code window} is answered with a 5xx (or not at all): the edge never breaks. */
    static Slo no5xx(Window window) {
        String name = "no 5xx or missing answer " + during(window);
        return withRequests(name, window, stats -> {
            long bad = stats.statusCounts().entrySet().stream()
                    .filter(e -> e.getKey() >= 500 || e.getKey() == 0).mapToLong(e -> e.getValue()).sum();
            return SloResult.judge(name, bad == 0, bad + " of " + stats.count() + " " + statuses(stats));
        });
    }

    /** Every request in {@code window} is answered with one of {@code allowed}, up to {@code tolerance} of them. */
    static Slo statusesWithin(Window window, List<Integer> allowed, double tolerance) {
        String name = "answers " + during(window) + " are " + allowed + " (tolerance " + percent(tolerance) + ")";
        return withRequests(name, window, stats -> {
            long other = stats.statusCounts().entrySet().stream()
                    .filter(e -> !allowed.contains(e.getKey())).mapToLong(e -> e.getValue()).sum();
            double share = (double) other / stats.count();
            return SloResult.judge(name, share <= tolerance, other + " others of " + stats.count() + " " + statuses(stats));
        });
    }

    /** At least {@code min} of the dashboards served in {@code window} are degraded. */
    static Slo degradedRateAtLeast(Window window, double min) {
        String name = "degraded rate " + during(window) + " >= " + percent(min);
        return withRequests(name, window, stats -> SloResult.judge(name, stats.degradedRate() >= min,
                "degraded rate = " + percent(stats.degradedRate())));
    }

    /** At most {@code max} of the dashboards served in {@code window} are degraded. */
    static Slo degradedRateAtMost(Window window, double max) {
        String name = "degraded rate " + during(window) + " <= " + percent(max);
        return withRequests(name, window, stats -> SloResult.judge(name, stats.degradedRate() <= max,
                "degraded rate = " + percent(stats.degradedRate())));
    }

    /** Every degraded dashboard in {@code window} names only {@code section} as degraded. */
    static Slo onlySectionDegraded(Window window, String section) {
        String name = "only " + section + " degrades " + during(window);
        return of(name, run -> {
            List<RequestRecord> requests = run.requestsIn(window);
            if (requests.isEmpty()) {
                return SloResult.fail(name, "no requests " + during(window));
            }
            List<String> others = requests.stream().filter(RequestRecord::degraded)
                    .flatMap(r -> r.reasons().entrySet().stream()).filter(e -> !e.getKey().equals(section))
                    .map(e -> e.getKey() + " " + e.getValue()).distinct().sorted().toList();
            return SloResult.judge(name, others.isEmpty(),
                    others.isEmpty() ? "no other section degraded" : "also degraded: " + others);
        });
    }

    /** At least {@code min} of the requests in {@code window} are refused with 429 or 503 (load shedding happened). */
    static Slo shedRateAtLeast(Window window, double min) {
        String name = "shed (429/503) " + during(window) + " >= " + percent(min);
        return withRequests(name, window, stats -> SloResult.judge(name, stats.shedRate() >= min,
                "shed rate = " + percent(stats.shedRate()) + " " + statuses(stats)));
    }

    /**
     * Every refusal in {@code window} (429, 503) is {@code application/problem+json} with a
     * {@code Retry-After}. Passes trivially, saying so, when there was none.
     */
    static Slo refusalsWellFormed(Window window) {
        String name = "every 429/503 " + during(window) + " is problem+json with Retry-After";
        return of(name, run -> {
            List<RequestRecord> refused = run.requestsIn(window).stream().filter(RequestRecord::shed).toList();
            long notProblem = refused.stream().filter(r -> !r.problemJson()).count();
            long noRetryAfter = refused.stream().filter(r -> r.retryAfter() == null).count();
            String measured = refused.isEmpty() ? "no refusals"
                    : notProblem + " not problem+json, " + noRetryAfter + " without Retry-After, of " + refused.size()
                            + " refusals " + refused.stream().filter(r -> !r.problemJson() || r.retryAfter() == null)
                                    .map(r -> r.status()).distinct().sorted().toList();
            return SloResult.judge(name, notProblem == 0 && noRetryAfter == 0, measured);
        });
    }

    /** The latency of the refusals (429/503) in {@code window}: shedding must be cheap. */
    static Slo refusalLatencyBelow(Window window, long millis) {
        String name = "p99 of 429/503 " + during(window) + " < " + millis + " ms";
        return of(name, run -> {
            List<RequestRecord> refused = run.requestsIn(window).stream().filter(RequestRecord::shed).toList();
            if (refused.isEmpty()) {
                return SloResult.pass(name, "no refusals");
            }
            long p99 = LatencyStats.of(refused).p99();
            return SloResult.judge(name, p99 < millis, "p99 = " + p99 + " ms over " + refused.size() + " refusals");
        });
    }

    /** The latency of the dashboards actually served (200) in {@code window} stays bounded. */
    static Slo servedLatencyBelow(Window window, int percentile, long millis) {
        String name = "p" + percentile + " of 200s " + during(window) + " < " + millis + " ms";
        return of(name, run -> {
            List<RequestRecord> served = served(run, window);
            if (served.isEmpty()) {
                return SloResult.fail(name, "no dashboard was served " + during(window));
            }
            LatencyStats stats = LatencyStats.of(served);
            long value = stats.at(percentile);
            return SloResult.judge(name, value < millis, "p" + percentile + " = " + value + " ms over " + served.size());
        });
    }

    /**
     * Some request in {@code window} was answered {@code status}, i.e. the path under test was
     * exercised; {@link Verdict#UNAVAILABLE} (with {@code whyNot}) rather than a failure otherwise.
     */
    static Slo statusSeen(Window window, int status, String whyNot) {
        String name = "some " + status + " " + during(window) + " (the path under test ran)";
        return of(name, run -> {
            long seen = run.requestsIn(window).stream().filter(r -> r.status() == status).count();
            return seen > 0 ? SloResult.pass(name, seen + " answers " + status) : SloResult.unavailable(name, whyNot);
        });
    }

    /** Circuit {@code circuit} goes through {@code states} in this order during the run. */
    static Slo circuitPassesThrough(String circuit, List<CircuitState> states) {
        String name = "circuit " + circuit + " goes " + states.stream().map(Enum::name).collect(Collectors.joining(" -> "));
        return of(name, run -> {
            Optional<CircuitTimeline> timeline = run.circuit(circuit);
            if (timeline.isEmpty() || !timeline.get().known()) {
                return SloResult.fail(name, "no circuit state was observed (neither metrics nor CIRCUIT_OPEN in responses)");
            }
            CircuitTimeline t = timeline.get();
            return SloResult.judge(name, t.passesThrough(states), "observed " + t.sequence() + " from " + t.source());
        });
    }

    /** The circuit is {@code state} at the last known sample of the run. */
    static Slo circuitEndsIn(String circuit, CircuitState state) {
        String name = "circuit " + circuit + " ends " + state;
        return of(name, run -> {
            List<CircuitState> sequence = run.circuit(circuit).map(CircuitTimeline::sequence).orElse(List.of());
            if (sequence.isEmpty()) {
                return SloResult.fail(name, "no circuit state was observed");
            }
            CircuitState last = sequence.get(sequence.size() - 1);
            return SloResult.judge(name, last == state, "last observed " + last);
        });
    }

    /**
     * Backend calls to {@code service} per dashboard request during {@code window} are at most
     * {@code max}: retries are capped. Unavailable when the stubs do not count their requests.
     */
    static Slo backendCallsPerDashboardAtMost(String service, Window window, double max) {
        String name = service + " backend calls per dashboard " + during(window) + " <= " + max;
        return withBackendCalls(name, service, window, (calls, dashboards) -> {
            double ratio = calls / dashboards;
            return SloResult.judge(name, ratio <= max, String.format(Locale.ROOT, "%.0f calls / %d dashboards = %.2f",
                    calls, dashboards, ratio));
        });
    }


    /**
     * No pile-up: each part's open file descriptors at the end are at most {@code margin} above
     * what they were before the fault. Unavailable when no part exports them.
     */
    static Slo noConnectionPileUp(int margin) {
        String name = "open files after recovery <= before the fault + " + margin;
        return of(name, run -> {
            long faultAt = run.startEpochMs() + run.phases().faultAt().toMillis();
            List<ProbeSample> before = run.samples().stream().filter(s -> s.atEpochMs() < faultAt).toList();
            List<ProbeSample> all = run.samples();
            if (before.isEmpty() || all.isEmpty()) {
                return SloResult.unavailable(name, "no probe samples around the fault");
            }
            ProbeSample first = before.get(before.size() - 1);
            ProbeSample last = all.get(all.size() - 1);
            StringBuilder measured = new StringBuilder();
            boolean met = true;
            boolean any = false;
            for (String part : List.of("composer", "gateway")) {
                Double was = part.equals("composer") ? first.composerOpenFiles() : first.gatewayOpenFiles();
                Double now = part.equals("composer") ? last.composerOpenFiles() : last.gatewayOpenFiles();
                if (was == null || now == null) {
                    continue;
                }
                any = true;
                met &= now <= was + margin;
                measured.append(String.format(Locale.ROOT, "%s %.0f -> %.0f; ", part, was, now));
            }
            return any ? SloResult.judge(name, met, measured.toString().strip())
                    : SloResult.unavailable(name, "no part exports process_files_open_files");
        });
    }

    /** The dashboards actually served (200s, complete or degraded) in {@code window}. */
    private static List<RequestRecord> served(RunData run, Window window) {
        return run.requestsIn(window).stream().filter(RequestRecord::served).toList();
    }

    /** Judges the stubs' count of calls to {@code service} in {@code window} against the dashboards sent then. */
    private static Slo withBackendCalls(String name, String service, Window window,
            java.util.function.BiFunction<Double, Long, SloResult> judge) {
        return of(name, run -> {
            Optional<Double> calls = run.backendCallsIn(service, window);
            if (calls.isEmpty()) {
                return SloResult.unavailable(name, "the stubs do not export " + dev.mosaic.loadtest.probe.Probe.STUB_REQUESTS_METRIC);
            }
            long dashboards = run.requestsIn(window).size();
            if (dashboards == 0) {
                return SloResult.fail(name, "no requests " + during(window));
            }
            return judge.apply(calls.get(), dashboards);
        });
    }

    private static Slo withRequests(String name, Window window, Function<LatencyStats, SloResult> judge) {
        return of(name, run -> {
            LatencyStats stats = run.statsIn(window);
            return stats.count() == 0 ? SloResult.fail(name, "no requests " + during(window)) : judge.apply(stats);
        });
    }

    private static String during(Window window) {
        return switch (window) {
            case ALL -> "overall";
            case STEADY -> "after the first half of warm-up";
            default -> "during " + window.label();
        };
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String statuses(LatencyStats stats) {
        return "(statuses " + stats.statusCounts() + ")";
    }
}

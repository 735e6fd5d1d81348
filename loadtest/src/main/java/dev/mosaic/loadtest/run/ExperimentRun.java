package dev.mosaic.loadtest.run;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.mosaic.loadtest.chaos.AppliedChaos;
import dev.mosaic.loadtest.chaos.ChaosDriver;
import dev.mosaic.loadtest.chaos.ControlPlane;
import dev.mosaic.loadtest.experiment.Experiment;
import dev.mosaic.loadtest.experiment.Experiments;
import dev.mosaic.loadtest.experiment.LoadProfile;
import dev.mosaic.loadtest.experiment.RunSettings;
import dev.mosaic.loadtest.experiment.Traffic;
import dev.mosaic.loadtest.probe.MetricsEndpoint;
import dev.mosaic.loadtest.probe.Probe;
import dev.mosaic.loadtest.probe.ProbeSample;
import dev.mosaic.loadtest.report.CircuitTimeline;
import dev.mosaic.loadtest.report.RequestLog;
import dev.mosaic.loadtest.report.RequestRecord;
import dev.mosaic.loadtest.report.Summary;
import dev.mosaic.loadtest.report.SummaryBuilder;
import dev.mosaic.loadtest.report.SummaryWriter;
import dev.mosaic.loadtest.slo.RunData;
import dev.mosaic.loadtest.slo.SloResult;

/**
 * One run of an experiment, apart from the load itself: it mints the tokens, starts the probe and
 * the chaos schedule when the load starts, collects every dashboard response, and at the end writes
 * the summary, the chart and the verdict. A Gatling simulation drives it from {@code before()},
 * {@code after()} and a recording step after each request.
 *
 * <pre>{@code
 * ExperimentRun run = ExperimentRun.prepare(RunSettings.fromSystemProperties(), Clock.systemUTC());
 * run.start();
 * run.record(RequestRecord.ok(...));   // from the scenario
 * Summary summary = run.finish();      // writes summary.json, summary.md, timeline.svg, verdict.txt
 * }</pre>
 */
public final class ExperimentRun {

    /** The scope that lets a token read any user's dashboard. */
    public static final String SCOPE = "dashboard:read dashboard:read:any";
    /** Written next to the summary: {@code PASS} or {@code FAIL} and the failed SLOs, for the run script. */
    public static final String VERDICT = "verdict.txt";
    /** The stubs seed this many users. */
    public static final int SEEDED_USERS = 1000;

    private final Experiment experiment;
    private final RunSettings settings;
    private final Clock clock;
    private final ControlPlane control;
    private final Probe probe;
    private final DashboardTargets targets;
    private final RequestLog log = new RequestLog();
    private final AtomicLong sequence = new AtomicLong();
    private long startEpochMs;
    private ChaosDriver chaos;

    private ExperimentRun(Experiment experiment, RunSettings settings, Clock clock, ControlPlane control, Probe probe,
            DashboardTargets targets) {
        this.experiment = experiment;
        this.settings = settings;
        this.clock = clock;
        this.control = control;
        this.probe = probe;
        this.targets = targets;
    }

    /**
     * Resolves the experiment and mints a token per user it will use.
     *
     * @throws IllegalArgumentException for an unknown experiment
     * @throws IllegalStateException    when the identity provider does not issue tokens
     */
    public static ExperimentRun prepare(RunSettings settings, Clock clock) {
        Experiment experiment = Experiments.byName(settings.experiment()).orElseThrow(() -> new IllegalArgumentException(
                "unknown experiment '" + settings.experiment() + "'; known: " + Experiments.names()));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        ControlPlane control = ControlPlane.at(http, settings.controlUrl());
        Probe probe = Probe.of(MetricsEndpoint.actuator(http, settings.composerManagementUrl()),
                MetricsEndpoint.actuator(http, settings.controlUrl()),
                MetricsEndpoint.actuator(http, settings.gatewayManagementUrl()), clock);
        LoadProfile load = experiment.loadFor(settings);
        int clients = Math.min(load.clients(), SEEDED_USERS);
        List<DashboardTargets.Target> hot = mint(control, DashboardTargets.userIds(1, clients));
        List<DashboardTargets.Target> cold = experiment.coldUsersDuringFault() && clients < SEEDED_USERS
                ? mint(control, DashboardTargets.userIds(clients + 1, Math.min(SEEDED_USERS, 2 * clients)))
                : List.of();
        System.out.printf("loadtest: %s, %d tokens minted at %s%n", experiment.name(), hot.size() + cold.size(),
                settings.controlUrl());
        return new ExperimentRun(experiment, settings, clock, control, probe,
                DashboardTargets.of(hot, cold, settings.phases()));
    }

    private static List<DashboardTargets.Target> mint(ControlPlane control, List<String> users) {
        List<DashboardTargets.Target> targets = new ArrayList<>(users.size());
        for (String user : users) {
            targets.add(new DashboardTargets.Target(user, control.token(user, SCOPE)));
        }
        return targets;
    }

    /** Marks the start of the load: the probe starts sampling and the chaos schedule starts ticking. */
    public void start() {
        startEpochMs = clock.millis();
        probe.start(settings.probeInterval());
        chaos = ChaosDriver.start(experiment.schedule(settings), control, clock, startEpochMs);
    }

    public Experiment experiment() {
        return experiment;
    }

    public RunSettings settings() {
        return settings;
    }

    /** The load of this run. */
    public LoadProfile load() {
        return experiment.loadFor(settings);
    }

    /** The user and token for the next request. */
    public DashboardTargets.Target nextTarget() {
        return targets.next(clock.millis() - startEpochMs);
    }

    /**
     * The burst's user with the next client's token (each client may read any dashboard), so that no
     * client's rate limit sheds the burst.
     *
     * @throws IllegalStateException when the experiment sends no burst
     */
    public DashboardTargets.Target nextBurstTarget() {
        Traffic.Burst burst = experiment.traffic().burst()
                .orElseThrow(() -> new IllegalStateException(experiment.name() + " sends no burst"));
        return new DashboardTargets.Target(burst.userId(), targets.next(clock.millis() - startEpochMs).token());
    }

    /** The gateway path prefix of the next request (the user id is appended). */
    public String nextPath() {
        return experiment.traffic().routing().pathAt(clock.millis() - startEpochMs, settings.phases(),
                sequence.getAndIncrement());
    }

    /** Records one dashboard response; safe from any thread, never blocks. */
    public void record(RequestRecord record) {
        log.add(record);
    }

    /**
     * Ends the run: clears any fault still in force, stops the probe, reads the control plane's
     * event log, and writes the report. Answers the summary.
     */
    public Summary finish() {
        List<AppliedChaos> applied = chaos == null ? List.of() : chaos.finish();
        List<ProbeSample> samples = probe.stop();
        List<RequestRecord> requests = log.records();
        Map<String, CircuitTimeline> circuits = new LinkedHashMap<>();
        for (String circuit : Probe.SERVICES) {
            CircuitTimeline timeline = CircuitTimeline.of(circuit, samples, requests, startEpochMs);
            if (timeline.known()) {
                circuits.put(circuit, timeline);
            }
        }
        RunData data = new RunData(settings.phases(), startEpochMs, requests, samples, circuits, settings.capacity());
        Summary summary = SummaryBuilder.build(experiment, settings, data, applied, control.events());
        SummaryWriter.write(summary, circuits.values(), settings.reportDir());
        writeVerdict(summary, settings.reportDir());
        print(summary);
        return summary;
    }

    private static void writeVerdict(Summary summary, Path dir) {
        StringBuilder text = new StringBuilder(summary.passed() ? "PASS\n" : "FAIL\n");
        for (SloResult failure : summary.failures()) {
            text.append(failure.slo()).append(": ").append(failure.measured()).append('\n');
        }
        try {
            Files.writeString(dir.resolve(VERDICT), text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void print(Summary s) {
        System.out.printf("%nloadtest: %s: %d requests, p50 %d ms, p95 %d ms, p99 %d ms, errors %.1f%%, degraded %.1f%%%n",
                s.experiment(), s.overall().count(), s.overall().p50(), s.overall().p95(), s.overall().p99(),
                s.overall().errorRate() * 100, s.overall().degradedRate() * 100);
        for (SloResult r : s.slos()) {
            System.out.printf("  %-11s %s: %s%n", r.verdict(), r.slo(), r.measured());
        }
        System.out.printf("loadtest: report in %s%n", settings.reportDir().toAbsolutePath());
    }
}

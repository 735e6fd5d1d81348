package dev.mosaic.loadtest.simulation;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.mosaic.loadtest.experiment.LoadProfile;
import dev.mosaic.loadtest.experiment.Phases;
import dev.mosaic.loadtest.experiment.RunSettings;
import dev.mosaic.loadtest.report.RequestRecord;
import dev.mosaic.loadtest.run.DashboardTargets;
import dev.mosaic.loadtest.run.ExperimentRun;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * The one shape every experiment's simulation shares: an open-model arrival rate of dashboard
 * requests through the gateway ({@code GET /api/dashboard/u-N}, each user with its own token), in
 * three phases (warm-up, fault, recovery), while {@link ExperimentRun} injects the fault through
 * the chaos API at a known time, probes circuit state every second and judges the SLOs at the end.
 *
 * <p>A new experiment is an entry in {@code Experiments} plus a three-line subclass naming it.
 */
public abstract class ExperimentSimulation extends Simulation {

    private static final String[] SECTIONS = {"user", "orders", "recommendations"};

    private final ExperimentRun run;

    protected ExperimentSimulation(String experiment) {
        Properties properties = new Properties();
        properties.putAll(System.getProperties());
        properties.setProperty(RunSettings.PREFIX + "experiment", experiment);
        RunSettings settings = RunSettings.from(properties);
        run = ExperimentRun.prepare(settings, Clock.systemUTC());

        HttpProtocolBuilder protocol = http.baseUrl(settings.gatewayUrl().toString())
                .acceptHeader("application/json")
                // one pool for all virtual users: an open model of one-request users would otherwise
                // open a TCP connection per request, which measures the handshake, not Mosaic
                .shareConnections();

        ChainBuilder dashboard = CoreDsl.exec(this::pickTarget).exec(dashboardRequest()).exec(this::recordResponse);

        ScenarioBuilder scenario = scenario(experiment).exec(dashboard);
        LoadProfile load = run.load();
        Phases phases = settings.phases();
        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(scenario.injectOpen(
                constantUsersPerSec(load.baseRate()).during(phases.warmup()),
                load.faultRate() > 0 ? constantUsersPerSec(load.faultRate()).during(phases.hold())
                        : nothingFor(phases.hold()),
                constantUsersPerSec(load.baseRate()).during(phases.recovery())));
        run.experiment().traffic().burst().ifPresent(burst -> populations.add(
                scenario(experiment + "-burst")
                        .exec(CoreDsl.exec(this::pickBurstTarget).exec(dashboardRequest()).exec(this::recordResponse))
                        .injectOpen(nothingFor(phases.faultAt().plus(burst.after())),
                                rampUsers(burst.requests()).during(burst.over()))));
        setUp(populations)
                .protocols(protocol)
                .maxDuration(settings.duration().plus(Duration.ofSeconds(20)));
    }

    private static HttpRequestActionBuilder dashboardRequest() {
        return http("dashboard").get("#{path}#{userId}")
                        .header("Authorization", "Bearer #{token}")
                        .check(status().saveAs("status"),
                                responseTimeInMillis().saveAs("latencyMs"),
                                header("X-Dashboard-Complete").optional().saveAs("complete"),
                                // every other composition (an A/B run's second arm) says it here (SPEC)
                                header("X-Composition-Complete").optional().saveAs("compositionComplete"),
                                header("X-Degraded-Sections").optional().saveAs("degradedSections"),
                                header("Content-Type").optional().saveAs("contentType"),
                                header("Retry-After").optional().saveAs("retryAfter"))
                        .checkIf((response, session) -> response.status().code() == 200).then(
                                jmesPath("meta.sections.user.reason").optional().saveAs("reason_user"),
                                jmesPath("meta.sections.orders.reason").optional().saveAs("reason_orders"),
                                jmesPath("meta.sections.recommendations.reason").optional().saveAs("reason_recommendations"))
                        // last, so that a non-200 still has everything above saved: Gatling counts it KO
                        .check(status().is(200));
    }

    private Session pickTarget(Session session) {
        DashboardTargets.Target target = run.nextTarget();
        return session.set("path", run.nextPath()).set("userId", target.userId()).set("token", target.token())
                .set("sentAt", System.currentTimeMillis());
    }

    private Session pickBurstTarget(Session session) {
        DashboardTargets.Target target = run.nextBurstTarget();
        return session.set("path", run.nextPath()).set("userId", target.userId()).set("token", target.token())
                .set("sentAt", System.currentTimeMillis());
    }

    private Session recordResponse(Session session) {
        long sentAt = session.getLong("sentAt");
        int status = session.contains("status") ? session.getInt("status") : 0;
        long latency = session.contains("latencyMs") ? session.getLong("latencyMs") : System.currentTimeMillis() - sentAt;
        Boolean complete = session.contains("complete") ? Boolean.valueOf(session.getString("complete"))
                : session.contains("compositionComplete") ? Boolean.valueOf(session.getString("compositionComplete"))
                : null;
        Map<String, String> reasons = new HashMap<>();
        for (String section : SECTIONS) {
            if (session.contains("reason_" + section)) {
                reasons.put(section, session.getString("reason_" + section));
            }
        }
        run.record(new RequestRecord(sentAt, latency, status, complete, stringOrNull(session, "degradedSections"),
                reasons, stringOrNull(session, "contentType"), stringOrNull(session, "retryAfter")));
        return session.removeAll("status", "latencyMs", "complete", "compositionComplete", "degradedSections", "contentType", "retryAfter",
                "reason_user", "reason_orders", "reason_recommendations");
    }

    private static String stringOrNull(Session session, String key) {
        return session.contains(key) ? session.getString(key) : null;
    }

    @Override
    public void before() {
        run.start();
    }

    @Override
    public void after() {
        run.finish();
    }
}

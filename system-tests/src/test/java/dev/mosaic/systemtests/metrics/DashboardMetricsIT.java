package dev.mosaic.systemtests.metrics;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import dev.mosaic.systemtests.ObservabilityFiles;
import dev.mosaic.systemtests.grafana.GrafanaDashboard;
import dev.mosaic.systemtests.prometheus.PromQlExpression;
import dev.mosaic.systemtests.prometheus.PrometheusScrape;
import dev.mosaic.systemtests.stack.Http;
import dev.mosaic.systemtests.stack.MosaicStack;
import dev.mosaic.systemtests.stack.MosaicStackExtension;
import dev.mosaic.systemtests.stack.Part;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard queries metrics the running system really exposes. After traffic through
 * every route (and one rate-limit rejection), each series every panel selects is in the live scrape
 * of the process its {@code job} matcher names (any of the three when it names none), and every label
 * a query filters or groups by is on those series.
 *
 * <p>A missing series or label is a finding with a key ({@code composer:mosaic_section_seconds_bucket},
 * {@code mosaic_gateway_ratelimit_rejected_total{route}}); the test fails on any finding, except
 * series that exist only in some configurations.
 */
@ExtendWith(MosaicStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(3)
class DashboardMetricsIT {

    /** Series that exist only in some configurations: the Redis rate-limit store's error counter. */
    static final Set<String> CONFIGURATION_DEPENDENT = Set.of("gateway:mosaic_gateway_ratelimit_store_errors_total");

    /** Labels Prometheus adds itself when scraping. */
    private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
    private static final Pattern JOB_ALTERNATIVES = Pattern.compile("[A-Za-z0-9_-]+(\\|[A-Za-z0-9_-]+)*");

    private final GrafanaDashboard dashboard = GrafanaDashboard.read(ObservabilityFiles.grafanaDashboard());
    private final Map<Part, PrometheusScrape> scrapes = new EnumMap<>(Part.class);

    @BeforeAll
    void driveTrafficThroughEveryRouteAndScrape(MosaicStack stack) {
        stack.awaitWarm();
        String token = stack.stubs().token("u-42", "dashboard:read");
        for (String path : List.of("/api/me/dashboard", "/api/dashboard/u-42", "/api/users/u-42",
                "/api/orders?userId=u-42", "/api/recommendations?userId=u-42")) {
            HttpResponse<String> response = Http.send(Http.get(stack.gatewayUrl() + path).header("Authorization", "Bearer " + token));
            assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        }
        assertThat(provokeARateLimitRejection(stack)).as("a 429 from the gateway's rate limiter").isTrue();
        for (Part part : Part.values()) {
            scrapes.put(part, stack.scrapeAndKeep(part, "dashboard-check"));
        }
    }

    /** Bursts of concurrent calls from one client until the limiter refuses one (default burst 100). */
    private static boolean provokeARateLimitRejection(MosaicStack stack) {
        String token = stack.stubs().token("ratelimit-probe", "dashboard:read");
        for (int burst = 0; burst < 10; burst++) {
            List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 60)
                    .mapToObj(i -> Http.sendAsync(Http.get(stack.gatewayUrl() + "/api/users/ratelimit-probe")
                            .header("Authorization", "Bearer " + token)))
                    .toList();
            if (calls.stream().map(CompletableFuture::join).anyMatch(r -> r.statusCode() == 429)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everySeriesAndLabelTheDashboardQueriesIsExposed() {
        Map<String, String> unexpected = new TreeMap<>(findings());
        unexpected.keySet().removeAll(CONFIGURATION_DEPENDENT);

        assertThat(unexpected).as("series or labels the dashboard queries that no running process exposes "
                + "(key -> a query using it)").isEmpty();
    }

    /** Every missing series ({@code job:metric}) or label ({@code metric{label}}), with one query that uses it. */
    private Map<String, String> findings() {
        Map<String, String> findings = new TreeMap<>();
        for (GrafanaDashboard.Query query : dashboard.queries()) {
            PromQlExpression expression = query.parsed();
            Set<String> presentMetrics = new LinkedHashSet<>();
            for (PromQlExpression.Selector selector : expression.selectors()) {
                String metric = selector.metric();
                boolean present;
                if (selector.matchers().containsKey("job")) {
                    // each process the query names must expose it
                    List<Part> parts = partsSelectedBy(selector);
                    parts.stream().filter(p -> !scrapes.get(p).has(metric))
                            .forEach(p -> findings.putIfAbsent(p.job() + ":" + metric, query.toString()));
                    present = parts.stream().anyMatch(p -> scrapes.get(p).has(metric));
                }
                else {
                    // no job named: one process exposing it is enough
                    present = scrapes.values().stream().anyMatch(scrape -> scrape.has(metric));
                    if (!present) {
                        findings.putIfAbsent("any:" + metric, query.toString());
                    }
                }
                if (!present) {
                    continue;
                }
                presentMetrics.add(selector.metric());
                for (String label : selector.matchers().keySet()) {
                    if (!TARGET_LABELS.contains(label) && !hasLabel(List.of(selector.metric()), label)) {
                        findings.putIfAbsent(selector.metric() + "{" + label + "}", query.toString());
                    }
                }
            }
            for (String label : expression.groupingLabels()) {
                // grouping needs the label on at least one of the series; if none has it, each lacks it
                if (!TARGET_LABELS.contains(label) && !hasLabel(List.copyOf(presentMetrics), label)) {
                    presentMetrics.forEach(metric -> findings.putIfAbsent(metric + "{" + label + "}", query.toString()));
                }
            }
        }
        return findings;
    }

    /** The processes a selector's {@code job} matcher names: {@code job="composer"}, {@code job=~"composer|gateway"}. */
    private static List<Part> partsSelectedBy(PromQlExpression.Selector selector) {
        PromQlExpression.Matcher job = selector.matchers().get("job");
        boolean alternatives = job.operator().equals("=~") && JOB_ALTERNATIVES.matcher(job.value()).matches();
        assertThat(job.operator().equals("=") || alternatives)
                .as("a job matcher the check understands (= or =~ a|b): %s", selector).isTrue();
        Set<String> jobs = Set.of(job.value().split("\\|"));
        List<Part> parts = Arrays.stream(Part.values()).filter(p -> jobs.contains(p.job())).toList();
        assertThat(parts).as("jobs %s are Mosaic processes", jobs).hasSize(jobs.size());
        return parts;
    }

    private boolean hasLabel(List<String> metrics, String label) {
        return scrapes.values().stream().anyMatch(scrape ->
                metrics.stream().anyMatch(metric -> scrape.labelNames(metric).contains(label)));
    }

    @Test
    void theScrapesCarryTheMetricsTheyAreKnownFor() {
        // a guard against a vacuous check: the scrapes are real, and each process shows its own meters
        assertThat(scrapes.get(Part.STUBS).names()).contains("mosaic_stubs_requests_total");
        assertThat(scrapes.get(Part.COMPOSER).names()).contains("mosaic_dashboard_seconds_count", "resilience4j_circuitbreaker_state");
        assertThat(scrapes.get(Part.GATEWAY).names()).contains("http_server_requests_seconds_count",
                "mosaic_gateway_ratelimit_rejected_total");
        assertThat(scrapes.get(Part.GATEWAY).sum("mosaic_gateway_ratelimit_rejected_total", Map.of())).isPositive();
        assertThat(dashboard.queries()).isNotEmpty();
    }
}

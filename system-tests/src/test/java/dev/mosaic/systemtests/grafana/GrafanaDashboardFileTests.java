package dev.mosaic.systemtests.grafana;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.mosaic.systemtests.ObservabilityFiles;
import dev.mosaic.systemtests.prometheus.PromQlExpression;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The structure of {@code deploy/observability/grafana/mosaic-dashboard.json}: something Grafana 10+
 * imports, whose every panel queries Prometheus through the {@code DS_PROMETHEUS} variable, and
 * which covers the views issue 5 asks for. Whether the metrics it queries exist is checked against
 * the running system in {@code DashboardMetricsIT}.
 */
class GrafanaDashboardFileTests {

    private static final String DATASOURCE_VARIABLE = "DS_PROMETHEUS";
    /** Grafana 10.0 writes schema version 38. */
    private static final int GRAFANA_10_SCHEMA = 38;

    private final GrafanaDashboard dashboard = GrafanaDashboard.read(ObservabilityFiles.grafanaDashboard());

    @Test
    void isAGrafanaTenDashboardWithUidTitleAndPanels() {
        JsonNode doc = dashboard.document();

        assertThat(doc.path("uid").asString()).isNotBlank().matches("[A-Za-z0-9_-]{1,40}");
        assertThat(doc.path("title").asString()).isNotBlank();
        assertThat(doc.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(GRAFANA_10_SCHEMA);
        assertThat(dashboard.dataPanels()).isNotEmpty();
        // an exported dashboard must not pin a database id: import would clash with the instance's own
        assertThat(doc.path("id").isMissingNode() || doc.path("id").isNull()).as("no numeric id").isTrue();
    }

    @Test
    void declaresThePrometheusDatasourceVariable() {
        List<JsonNode> variables = dashboard.document().path("templating").path("list").valueStream()
                .filter(v -> DATASOURCE_VARIABLE.equals(v.path("name").asString()))
                .toList();

        assertThat(variables).singleElement().satisfies(v -> {
            assertThat(v.path("type").asString()).isEqualTo("datasource");
            assertThat(v.path("query").asString()).isEqualTo("prometheus");
        });
    }

    @Test
    void panelIdsAreUnique() {
        List<Integer> ids = dashboard.panels().stream().map(p -> p.path("id").asInt(-1)).toList();

        assertThat(ids).doesNotContain(-1).doesNotHaveDuplicates();
    }

    @Test
    void everyDataPanelQueriesPrometheusThroughTheVariable() {
        assertThat(dashboard.dataPanels()).allSatisfy(panel -> {
            String title = panel.path("title").asString();
            assertThat(panel.path("datasource").path("type").asString()).as("%s: datasource type", title).isEqualTo("prometheus");
            assertThat(panel.path("datasource").path("uid").asString()).as("%s: datasource uid", title)
                    .isEqualTo("${" + DATASOURCE_VARIABLE + "}");
            assertThat(panel.path("targets").isArray() && !panel.path("targets").isEmpty()).as("%s: has targets", title).isTrue();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asString()).as("%s: target expr", title).isNotBlank();
                if (target.has("datasource")) {
                    assertThat(target.path("datasource").path("uid").asString()).as("%s: target datasource", title)
                            .isEqualTo("${" + DATASOURCE_VARIABLE + "}");
                }
            }
            List<String> refIds = panel.path("targets").valueStream().map(t -> t.path("refId").asString()).toList();
            assertThat(refIds).as("%s: refIds", title).doesNotContain("").doesNotHaveDuplicates();
        });
    }

    @Test
    void everyDataPanelSaysWhichQuestionItAnswers() {
        assertThat(dashboard.dataPanels()).allSatisfy(panel -> {
            assertThat(panel.path("title").asString()).isNotBlank();
            assertThat(panel.path("description").asString()).as("description of %s", panel.path("title").asString()).isNotBlank();
        });
    }

    @Test
    void panelsFitTheTwentyFourColumnGrid() {
        assertThat(dashboard.panels()).allSatisfy(panel -> {
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("w").asInt()).as("%s: width", panel.path("title").asString()).isBetween(1, 24);
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("%s: x + w", panel.path("title").asString()).isLessThanOrEqualTo(24);
            assertThat(grid.path("h").asInt()).isPositive();
        });
    }

    @Test
    void everyQueryIsWellFormedAndSelectsSeries() {
        assertThat(dashboard.queries()).isNotEmpty().allSatisfy(query ->
                assertThat(query.parsed().metricNames()).as("%s", query).isNotEmpty());
    }

    @Test
    void everyJobTheQueriesSelectIsAJobOfThePrometheusConfig() throws IOException {
        Set<String> scraped = prometheusJobs();
        Set<String> selected = new HashSet<>();
        for (GrafanaDashboard.Query query : dashboard.queries()) {
            for (PromQlExpression.Selector selector : query.parsed().selectors()) {
                PromQlExpression.Matcher job = selector.matchers().get("job");
                if (job != null) {
                    selected.addAll(List.of(job.value().split("\\|")));
                }
            }
        }

        assertThat(selected).isNotEmpty();
        assertThat(scraped).containsAll(selected);
    }

    @Test
    void coversEveryViewTheIssueAsksFor() {
        Set<String> metrics = dashboard.queries().stream()
                .flatMap(q -> q.parsed().metricNames().stream())
                .collect(Collectors.toSet());
        Set<String> quantiles = dashboard.queries().stream()
                .filter(q -> q.expr().contains("histogram_quantile("))
                .flatMap(q -> q.parsed().metricNames().stream())
                .collect(Collectors.toSet());

        Map<String, String> views = Map.ofEntries(
                Map.entry("request rate at the edge", "http_server_requests_seconds_count"),
                Map.entry("degraded-section rate", "mosaic_section_seconds_count"),
                Map.entry("outcome mix", "mosaic_dashboard_seconds_count"),
                Map.entry("circuit states over time", "resilience4j_circuitbreaker_state"),
                Map.entry("retries", "resilience4j_retry_calls_total"),
                Map.entry("attempts", "mosaic_section_attempts_total"),
                Map.entry("rate-limit rejections", "mosaic_gateway_ratelimit_rejected_total"),
                Map.entry("pool usage: active", "reactor_netty_connection_provider_active_connections"),
                Map.entry("pool usage: idle", "reactor_netty_connection_provider_idle_connections"),
                Map.entry("pool usage: pending", "reactor_netty_connection_provider_pending_connections"),
                Map.entry("stubs traffic by chaos", "mosaic_stubs_requests_total"));
        assertThat(metrics).containsAll(views.values());
        assertThat(quantiles).as("latency percentiles per section and per dashboard")
                .contains("mosaic_section_seconds_bucket", "mosaic_dashboard_seconds_bucket");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> prometheusJobs() throws IOException {
        try (Reader reader = Files.newBufferedReader(ObservabilityFiles.prometheusConfig())) {
            Map<String, Object> config = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return ((List<Map<String, Object>>) config.get("scrape_configs")).stream()
                    .map(job -> (String) job.get("job_name"))
                    .collect(Collectors.toSet());
        }
    }
}

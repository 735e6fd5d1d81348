package dev.mosaic.systemtests.prometheus;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mosaic.systemtests.ObservabilityFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/observability/prometheus.yml} scrapes the four processes of a local stack at the
 * SPEC's default ports: the three Mosaic JVMs on their management ports at
 * {@code /actuator/prometheus}, and Prometheus itself. (promtool's own check runs in
 * {@code deploy/observability/check.sh}; this test needs nothing installed.)
 */
class PrometheusConfigTests {

    /** A scrape target: job, address, path. */
    private record Scrape(String job, String target, String metricsPath) {
    }

    private static Map<String, Object> config;

    @BeforeAll
    static void readConfig() throws IOException {
        config = yaml(ObservabilityFiles.prometheusConfig());
    }

    @Test
    void scrapesEveryFiveSecondsWithATimeoutBelowTheInterval() {
        Map<String, Object> global = map(config.get("global"));

        assertThat(global.get("scrape_interval")).isEqualTo("5s");
        if (global.containsKey("scrape_timeout")) {
            assertThat(duration(global.get("scrape_timeout"))).isLessThan(duration(global.get("scrape_interval")));
        }
    }

    @Test
    void scrapesTheFourProcessesAtTheirDefaultManagementPorts() {
        assertThat(scrapes()).containsExactlyInAnyOrder(
                new Scrape("gateway", "127.0.0.1:8090", "/actuator/prometheus"),
                new Scrape("composer", "127.0.0.1:8091", "/actuator/prometheus"),
                new Scrape("stub-services", "127.0.0.1:9000", "/actuator/prometheus"),
                new Scrape("prometheus", "127.0.0.1:9090", "/metrics"));
    }

    @Test
    void targetsTheManagementPortsTheApplicationsThemselvesDefaultTo() throws IOException {
        Path root = ObservabilityFiles.repositoryRoot();
        Map<String, Object> gateway = yaml(root.resolve("gateway/src/main/resources/application.yml"));
        Map<String, Object> composer = yaml(root.resolve("composer/src/main/resources/application.yml"));
        Map<String, Object> stubs = yaml(root.resolve("stub-services/src/main/resources/application.yml"));

        assertThat(targetOf("gateway")).isEqualTo(address(gateway, "management.server"));
        assertThat(targetOf("composer")).isEqualTo(address(composer, "management.server"));
        // the stubs' actuator shares the control plane's port
        assertThat(targetOf("stub-services")).isEqualTo(address(stubs, "server"));
    }

    @Test
    void everyJobHasAUniqueNameAndPlainHttp() {
        List<Map<String, Object>> jobs = jobs();

        assertThat(jobs).extracting(job -> job.get("job_name")).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(jobs).allSatisfy(job -> assertThat(job.getOrDefault("scheme", "http")).isEqualTo("http"));
    }

    private static String targetOf(String job) {
        return scrapes().stream().filter(s -> s.job().equals(job)).map(Scrape::target).findFirst().orElseThrow();
    }

    /** {@code <prefix>.address:<prefix>.port} of an application.yml, nested or dotted keys alike. */
    private static String address(Map<String, Object> applicationYml, String prefix) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", applicationYml, flat);
        assertThat(flat).as("%s.address and .port in an application.yml", prefix)
                .containsKeys(prefix + ".address", prefix + ".port");
        return flat.get(prefix + ".address") + ":" + flat.get(prefix + ".port");
    }

    private static void flatten(String prefix, Map<String, Object> node, Map<String, Object> into) {
        for (Map.Entry<String, Object> e : node.entrySet()) {
            String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?>) {
                flatten(key, map(e.getValue()), into);
            }
            else {
                into.put(key, e.getValue());
            }
        }
    }

    private static List<Scrape> scrapes() {
        List<Scrape> scrapes = new ArrayList<>();
        for (Map<String, Object> job : jobs()) {
            String path = (String) job.getOrDefault("metrics_path", "/metrics");
            for (Object staticConfig : (List<?>) job.get("static_configs")) {
                for (Object target : (List<?>) map(staticConfig).get("targets")) {
                    scrapes.add(new Scrape((String) job.get("job_name"), (String) target, path));
                }
            }
        }
        return scrapes;
    }

    private static List<Map<String, Object>> jobs() {
        return ((List<?>) config.get("scrape_configs")).stream().map(PrometheusConfigTests::map).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).as("a YAML mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return document == null ? new LinkedHashMap<>() : map(document);
        }
    }

    private static final Pattern PROMETHEUS_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private static Duration duration(Object value) {
        Matcher m = PROMETHEUS_DURATION.matcher(String.valueOf(value));
        assertThat(m.matches()).as("a Prometheus duration like 5s: %s", value).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}

package dev.mosaic.loadtest.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.mosaic.loadtest.slo.SloResult;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's {@code summary.json} (Jackson), {@code summary.md} and {@code timeline.svg} into
 * its report directory.
 *
 * <pre>{@code
 * SummaryWriter.write(summary, timelines, Path.of("loadtest/target/reports/baseline-20260101T000000Z"));
 * }</pre>
 */
public final class SummaryWriter {

    public static final String JSON = "summary.json";
    public static final String MARKDOWN = "summary.md";
    public static final String CHART = "timeline.svg";

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SummaryWriter() {
    }

    /** The JSON mapper the summary is written (and can be read back) with. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Writes the three files, creating the directory. */
    public static void write(Summary summary, Collection<CircuitTimeline> circuits, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(JSON), MAPPER.writeValueAsString(summary));
            Files.writeString(dir.resolve(MARKDOWN), markdown(summary));
            Files.writeString(dir.resolve(CHART), TimelineChart.render(summary, circuits));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report to " + dir, e);
        }
    }

    /** The short human summary. */
    public static String markdown(Summary s) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(s.experiment()).append(": ").append(s.passed() ? "SLOs met" : "SLO FAILED").append("\n\n");
        md.append("**Hypothesis.** ").append(s.hypothesis()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Started %s; %.0f s at %s req/s (fault window %s req/s); fault at %.1f s, cleared at %.1f s.%n%n",
                s.startedAt(), s.phases().endSec(), s.settings().get("rate"), s.settings().get("faultWindowRate"),
                s.phases().faultAtSec(), s.phases().clearAtSec()));
        md.append("![timeline](").append(CHART).append(")\n\n");

        md.append("## Figures\n\n| window | requests | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | errors | degraded | shed | statuses |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        row(md, "overall", s.overall());
        s.windows().forEach((name, stats) -> row(md, name, stats));

        if (!s.sectionReasons().isEmpty()) {
            md.append("\nWhy sections were not OK (dashboards per `meta.sections.*.reason`): ");
            md.append(s.sectionReasons().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining("; "))).append("\n");
        }

        md.append("\n## SLOs\n\n| SLO | verdict | measured |\n|---|---|---|\n");
        for (SloResult r : s.slos()) {
            md.append("| ").append(r.slo()).append(" | ").append(r.verdict()).append(" | ").append(r.measured()).append(" |\n");
        }

        md.append("\n## Backend calls\n\n");
        if (s.backendCalls().available()) {
            md.append("| service | whole run | during fault | per dashboard during fault |\n|---|---:|---:|---:|\n");
            s.backendCalls().total().forEach((service, total) -> md.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s |%n",
                    service, total, orDash(s.backendCalls().duringFault().get(service)),
                    orDash(s.backendCalls().perDashboardDuringFault().get(service)))));
        } else {
            md.append(s.backendCalls().note()).append("\n");
        }

        md.append("\n## Chaos events\n\n");
        if (s.chaosEvents().isEmpty()) {
            md.append("none\n");
        }
        for (Summary.EventLine e : s.chaosEvents()) {
            md.append(String.format(Locale.ROOT, "- %.1f s (%s): `%s` -> %s%n", e.atSec(), e.at(), e.call(),
                    e.status() == 0 ? "no answer: " + e.detail() : String.valueOf(e.status())));
        }
        md.append(String.format(Locale.ROOT, "%nThe control plane logged %d chaos changes (`GET /chaos/events`, in summary.json).%n",
                s.controlPlaneEvents().size()));

        md.append("\n## Circuit breakers\n\n");
        if (s.circuits().isEmpty()) {
            md.append("no circuit-breaker state was observed\n");
        }
        for (Map.Entry<String, Summary.CircuitSummary> c : s.circuits().entrySet()) {
            Summary.CircuitSummary cs = c.getValue();
            md.append("- **").append(c.getKey()).append("** (from ").append(cs.source()).append("): ")
                    .append(cs.sequence().stream().map(Enum::name).collect(Collectors.joining(" -> ")));
            if (!cs.transitions().isEmpty()) {
                md.append("; transitions ").append(cs.transitions().stream()
                        .map(t -> String.format(Locale.ROOT, "%s->%s at %.1f s", t.from(), t.to(), t.atSec()))
                        .collect(Collectors.joining(", ")));
            }
            if (!cs.halfOpenObserved() && cs.sequence().size() > 2) {
                md.append(" (HALF_OPEN lasted less than the probe interval; a breaker closes only from it)");
            }
            md.append("\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String name, LatencyStats st) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %.1f%% | %.1f%% | %.1f%% | %s |%n", name,
                st.count(), st.p50(), st.p95(), st.p99(), st.p999(), st.max(), st.errorRate() * 100, st.degradedRate() * 100, st.shedRate() * 100,
                st.statusCounts()));
    }

    private static String orDash(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value).replaceAll("\\.00$", "");
    }
}

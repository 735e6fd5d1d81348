package dev.mosaic.loadtest.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mosaic.loadtest.probe.CircuitState;

/**
 * The run on one time axis, as an SVG: latency percentiles per second, error and degraded shares
 * per second, one strip per circuit breaker coloured by state, the fault window shaded and every
 * chaos call marked, so a reader sees the fault, the breaker and the recovery line up.
 *
 * <pre>{@code
 * String svg = TimelineChart.render(summary, timelines);
 * }</pre>
 */
public final class TimelineChart {

    static final int WIDTH = 1000;
    static final int LEFT = 110;
    static final int RIGHT = 960;
    static final int LATENCY_TOP = 50;
    static final int LATENCY_BOTTOM = 290;
    static final int SHARE_TOP = 310;
    static final int SHARE_BOTTOM = 370;
    static final int STRIP_TOP = 390;
    static final int STRIP_HEIGHT = 18;
    /** Latencies above this are drawn at the top edge, so one outlier does not flatten the rest. */
    static final long LATENCY_CAP_MS = 2_000;

    private static final Map<CircuitState, String> COLOURS = Map.of(
            CircuitState.CLOSED, "#4caf50", CircuitState.OPEN, "#e53935", CircuitState.HALF_OPEN, "#fb8c00",
            CircuitState.FORCED_OPEN, "#8e24aa", CircuitState.DISABLED, "#9e9e9e", CircuitState.METRICS_ONLY, "#9e9e9e",
            CircuitState.UNKNOWN, "#eeeeee");

    private final StringBuilder svg = new StringBuilder();
    private final double endSec;

    private TimelineChart(double endSec) {
        this.endSec = Math.max(endSec, 1);
    }

    /** The chart of a run. */
    public static String render(Summary summary, Collection<CircuitTimeline> circuits) {
        // a generator that fell behind sends its last requests after the planned end: keep them on the axis
        double lastSecond = summary.timeline().stream().mapToDouble(b -> b.second() + 1).max().orElse(0);
        double lastPoint = circuits.stream().flatMap(c -> c.points().stream())
                .mapToDouble(p -> p.offsetMs() / 1000.0).max().orElse(0);
        TimelineChart chart = new TimelineChart(Math.max(summary.phases().endSec(), Math.max(lastSecond, lastPoint)));
        List<CircuitTimeline> strips = circuits.stream().filter(CircuitTimeline::known).toList();
        int height = STRIP_TOP + Math.max(strips.size(), 1) * (STRIP_HEIGHT + 6) + 50;
        chart.open(height, summary);
        chart.faultWindow(summary.phases(), height);
        chart.arms(summary, height);
        long yMax = chart.latencyAxis(summary.timeline());
        chart.latencyLines(summary.timeline(), yMax);
        chart.shares(summary.timeline());
        chart.strips(strips);
        chart.events(summary.chaosEvents(), height);
        chart.timeAxis(height);
        chart.svg.append("</svg>\n");
        return chart.svg.toString();
    }

    private void open(int height, Summary summary) {
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        text(LEFT, 20, 14, "bold", summary.experiment() + (summary.passed() ? " (SLOs met)" : " (SLO FAILED)"));
        text(LEFT, 36, 11, "normal", String.format(Locale.ROOT, "%s, %.0f req/s, p50 %d ms, p95 %d ms, p99 %d ms, errors %.1f%%, degraded %.1f%%",
                summary.startedAt(), ((Number) summary.settings().getOrDefault("rate", 0)).doubleValue(),
                summary.overall().p50(), summary.overall().p95(), summary.overall().p99(),
                summary.overall().errorRate() * 100, summary.overall().degradedRate() * 100));
    }

    private void faultWindow(Summary.PhaseTimes phases, int height) {
        if (phases.clearAtSec() > phases.faultAtSec()) {
            double x1 = x(phases.faultAtSec());
            double x2 = x(phases.clearAtSec());
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"fault-window\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#ffebee\"/>%n",
                    x1, LATENCY_TOP, x2 - x1, height - LATENCY_TOP - 40));
            text(x1 + 4, LATENCY_TOP + 12, 10, "normal", "fault window");
        }
    }

    /** An A/B run: a divider at the middle of the fault window, each half labelled with what it asked for. */
    private void arms(Summary summary, int height) {
        if (!(summary.settings().get("comparing") instanceof List<?> arms) || arms.size() != 2) {
            return;
        }
        Summary.PhaseTimes phases = summary.phases();
        double middle = (phases.faultAtSec() + phases.clearAtSec()) / 2;
        svg.append(String.format(Locale.ROOT,
                "<line class=\"arms\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"4 3\"/>%n",
                x(middle), LATENCY_TOP, x(middle), height - 40));
        text(x(phases.faultAtSec()) + 4, LATENCY_TOP + 26, 10, "bold", String.valueOf(arms.get(0)));
        text(x(middle) + 4, LATENCY_TOP + 26, 10, "bold", String.valueOf(arms.get(1)));
    }

    private long latencyAxis(List<SecondBucket> buckets) {
        long max = buckets.stream().mapToLong(SecondBucket::p99).max().orElse(100);
        long yMax = Math.min(LATENCY_CAP_MS, niceCeiling(Math.max(max, 50)));
        for (int i = 0; i <= 4; i++) {
            long value = yMax * i / 4;
            double y = yLatency(value, yMax);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, RIGHT, y));
            text(LEFT - 6, y + 4, 10, "normal", value + " ms", "end");
        }
        text(10, LATENCY_TOP - 6, 10, "bold", "latency");
        legend(RIGHT - 210, LATENCY_TOP - 6, "#1e88e5", "p50");
        legend(RIGHT - 150, LATENCY_TOP - 6, "#fb8c00", "p95");
        legend(RIGHT - 90, LATENCY_TOP - 6, "#c62828", "p99");
        return yMax;
    }

    private void latencyLines(List<SecondBucket> buckets, long yMax) {
        // widest first, so the narrower percentiles stay visible where they coincide
        line(buckets, b -> b.p99(), yMax, "#c62828", "p99");
        line(buckets, b -> b.p95(), yMax, "#fb8c00", "p95");
        line(buckets, b -> b.p50(), yMax, "#1e88e5", "p50");
    }

    private void line(List<SecondBucket> buckets, java.util.function.ToLongFunction<SecondBucket> value, long yMax,
            String colour, String name) {
        if (buckets.isEmpty()) {
            return;
        }
        List<String> points = new ArrayList<>();
        for (SecondBucket b : buckets) {
            points.add(String.format(Locale.ROOT, "%.1f,%.1f", x(b.second() + 0.5), yLatency(value.applyAsLong(b), yMax)));
        }
        svg.append(String.format(Locale.ROOT,
                "<polyline class=\"latency-%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>%n",
                name, colour, String.join(" ", points)));
    }

    private void shares(List<SecondBucket> buckets) {
        text(10, SHARE_TOP + 10, 10, "bold", "share");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>%n",
                LEFT, SHARE_BOTTOM, RIGHT, SHARE_BOTTOM));
        text(LEFT - 6, SHARE_TOP + 4, 10, "normal", "100%", "end");
        double width = Math.max(1, (RIGHT - LEFT) / endSec - 1);
        for (SecondBucket b : buckets) {
            if (b.count() == 0) {
                continue;
            }
            double degraded = (double) b.degraded() / b.count();
            double errors = (double) b.errors() / b.count();
            bar(b.second(), width, degraded, 0, "#8e24aa", "degraded");
            bar(b.second(), width, errors, degraded, "#212121", "errors");
        }
        legend(RIGHT - 210, SHARE_TOP - 4, "#8e24aa", "degraded");
        legend(RIGHT - 120, SHARE_TOP - 4, "#212121", "errors");
    }

    private void bar(long second, double width, double share, double below, String colour, String name) {
        if (share <= 0) {
            return;
        }
        double span = SHARE_BOTTOM - SHARE_TOP;
        double h = Math.min(share, 1 - below) * span;
        double y = SHARE_BOTTOM - below * span - h;
        svg.append(String.format(Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                name, x(second), y, width, h, colour));
    }

    private void strips(List<CircuitTimeline> circuits) {
        text(10, STRIP_TOP - 5, 10, "bold", "circuit breakers");
        int row = 0;
        for (CircuitTimeline timeline : circuits) {
            int y = STRIP_TOP + row * (STRIP_HEIGHT + 6);
            text(10, y + 13, 10, "bold", timeline.circuit());
            List<CircuitTimeline.Point> points = timeline.points();
            for (int i = 0; i < points.size(); i++) {
                CircuitTimeline.Point p = points.get(i);
                double from = p.offsetMs() / 1000.0;
                double to = i + 1 < points.size() ? points.get(i + 1).offsetMs() / 1000.0 : Math.min(endSec, from + 1);
                double x1 = x(Math.max(from, 0));
                double x2 = x(Math.min(Math.max(to, from), endSec));
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"circuit-%s state-%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s at %.1f s</title></rect>%n",
                        timeline.circuit(), p.state().name().toLowerCase(Locale.ROOT), x1, y, Math.max(x2 - x1, 0.5),
                        STRIP_HEIGHT, COLOURS.get(p.state()), timeline.circuit(), p.state(), from));
            }
            row++;
        }
        int legendY = STRIP_TOP + Math.max(row, 1) * (STRIP_HEIGHT + 6) + 4;
        int lx = LEFT;
        for (CircuitState s : List.of(CircuitState.CLOSED, CircuitState.OPEN, CircuitState.HALF_OPEN, CircuitState.UNKNOWN)) {
            legend(lx, legendY + 8, COLOURS.get(s), s.name());
            lx += 100;
        }
        if (circuits.isEmpty()) {
            text(LEFT, STRIP_TOP + 13, 10, "normal", "no circuit-breaker state observed");
        }
    }

    private void events(List<Summary.EventLine> events, int height) {
        int lane = 0;
        for (Summary.EventLine e : events) {
            double x = x(Math.max(0, Math.min(e.atSec(), endSec)));
            svg.append(String.format(Locale.ROOT,
                    "<line class=\"chaos-event\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\" stroke-dasharray=\"4,3\"/>%n",
                    x, LATENCY_TOP, x, height - 40));
            String call = e.call().length() > 60 ? e.call().substring(0, 60) + "…" : e.call();
            text(x + 3, LATENCY_TOP + 26 + 12 * (lane++ % 3), 9, "normal", String.format(Locale.ROOT, "%.1fs %s", e.atSec(), call));
        }
    }

    private void timeAxis(int height) {
        int y = height - 36;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT, y, RIGHT, y));
        int step = endSec > 120 ? 20 : endSec > 40 ? 10 : 5;
        for (int s = 0; s <= endSec; s += step) {
            double x = x(s);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n", x, y, x, y + 4));
            text(x, y + 16, 10, "normal", s + " s", "middle");
        }
        text((LEFT + RIGHT) / 2.0, y + 30, 10, "normal", "seconds since start", "middle");
    }

    private void legend(double x, double y, String colour, String label) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\"/>%n", x, y - 9, colour));
        text(x + 14, y, 10, "normal", label);
    }

    private void text(double x, double y, int size, String weight, String content) {
        text(x, y, size, weight, content, "start");
    }

    private void text(double x, double y, int size, String weight, String content, String anchor) {
        svg.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x, y, size, weight, anchor, escape(content)));
    }

    private double x(double second) {
        return LEFT + (RIGHT - LEFT) * second / endSec;
    }

    private static double yLatency(long millis, long yMax) {
        double clipped = Math.min(millis, yMax);
        return LATENCY_BOTTOM - (LATENCY_BOTTOM - LATENCY_TOP) * clipped / yMax;
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code value}. */
    static long niceCeiling(long value) {
        long magnitude = 1;
        while (magnitude * 10 <= value) {
            magnitude *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * magnitude >= value) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

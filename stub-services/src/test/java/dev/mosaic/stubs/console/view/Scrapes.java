package dev.mosaic.stubs.console.view;

import java.time.Duration;
import java.time.Instant;

import dev.mosaic.stubs.console.scrape.PartScrape;
import dev.mosaic.stubs.console.scrape.PrometheusText;

/** Canned scrapes of the composer and the gateway, in the exposition format their actuators write. */
final class Scrapes {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Scrapes() {
    }

    static PartScrape composer(double secondsAfterT0, String text) {
        return PartScrape.of(ConsoleViewAssembler.COMPOSER, "http://127.0.0.1:8091", at(secondsAfterT0), PrometheusText.parse(text));
    }

    static PartScrape gateway(double secondsAfterT0, String text) {
        return PartScrape.of(ConsoleViewAssembler.GATEWAY, "http://127.0.0.1:8090", at(secondsAfterT0), PrometheusText.parse(text));
    }

    static PartScrape unreachable(String part, double secondsAfterT0, String why) {
        return PartScrape.unreachable(part, "http://127.0.0.1:1", at(secondsAfterT0), why);
    }

    static Instant at(double secondsAfterT0) {
        return T0.plus(Duration.ofMillis(Math.round(secondsAfterT0 * 1000)));
    }

    /** The state gauges of one breaker as Resilience4j's binder writes them: 1 for the current state. */
    static String breaker(String name, String state) {
        StringBuilder text = new StringBuilder();
        for (String s : new String[] {"closed", "disabled", "forced_open", "half_open", "metrics_only", "open"}) {
            text.append("resilience4j_circuitbreaker_state{name=\"").append(name).append("\",state=\"").append(s)
                    .append("\"} ").append(s.equals(state) ? "1.0" : "0.0").append('\n');
        }
        return text.toString();
    }

    /**
     * A histogram series with the given observations per bucket (upper bounds in seconds), cumulative
     * as exposed, with {@code _count}.
     */
    static String histogram(String name, String labels, double[] bounds, long[] perBucket) {
        StringBuilder text = new StringBuilder();
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += perBucket[i];
            text.append(name).append("_bucket{").append(labels).append(",le=\"").append(bounds[i]).append("\"} ")
                    .append(cumulative).append('\n');
        }
        cumulative += perBucket.length > bounds.length ? perBucket[bounds.length] : 0;
        text.append(name).append("_bucket{").append(labels).append(",le=\"+Inf\"} ").append(cumulative).append('\n');
        text.append(name).append("_count{").append(labels).append("} ").append(cumulative).append('\n');
        return text.toString();
    }
}

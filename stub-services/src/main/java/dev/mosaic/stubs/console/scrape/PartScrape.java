package dev.mosaic.stubs.console.scrape;

import java.time.Instant;

/**
 * What one read of a part's management endpoint gave: its samples, or why there are none.
 *
 * @param part        {@code composer} or {@code gateway}
 * @param url         the management base URL that was read
 * @param at          when the answer (or the failure) came
 * @param samples     the samples; empty when unreachable
 * @param unreachable why the part could not be read ({@code "connection refused"}, {@code "no answer
 *                    within 800 ms"}, {@code "HTTP 503"}), or {@code null} when it was read
 */
public record PartScrape(String part, String url, Instant at, MetricSamples samples, String unreachable) {

    /** A successful read. */
    public static PartScrape of(String part, String url, Instant at, MetricSamples samples) {
        return new PartScrape(part, url, at, samples, null);
    }

    /** A failed read. */
    public static PartScrape unreachable(String part, String url, Instant at, String why) {
        return new PartScrape(part, url, at, MetricSamples.empty(), why);
    }

    public boolean reachable() {
        return unreachable == null;
    }
}

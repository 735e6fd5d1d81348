package dev.mosaic.stubs.console;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the resilience console ({@code GET /console}), bound from {@code mosaic.stubs.console.*}.
 *
 * @param composerManagementUrl the composer's management base URL (its {@code /actuator/prometheus} is read)
 * @param gatewayManagementUrl  the gateway's management base URL
 * @param interval              how often both are read while a console is open (at most 2 s: the page
 *                              promises at least one refresh a second, and a little slack)
 * @param timeout               how long one read may take before the part shows as unreachable; at most
 *                              {@code interval}, so a hung part cannot slow the console down
 * @param history               how much the console keeps and replays to a page that opens
 * @param linger                how long reading goes on after the last console closed (a reload
 *                              does not lose the rates); nothing is read while no console is open
 */
@ConfigurationProperties("mosaic.stubs.console")
public record ConsoleProperties(
        @DefaultValue(DEFAULT_COMPOSER) URI composerManagementUrl,
        @DefaultValue(DEFAULT_GATEWAY) URI gatewayManagementUrl,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("800ms") Duration timeout,
        @DefaultValue("3m") Duration history,
        @DefaultValue("30s") Duration linger) {

    /** The SPEC's composer management port. */
    public static final String DEFAULT_COMPOSER = "http://127.0.0.1:8091";
    /** The SPEC's gateway management port. */
    public static final String DEFAULT_GATEWAY = "http://127.0.0.1:8090";

    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    private static final Duration MAX_INTERVAL = Duration.ofSeconds(2);

    public ConsoleProperties {
        requireHttp("composer-management-url", composerManagementUrl);
        requireHttp("gateway-management-url", gatewayManagementUrl);
        if (interval == null || interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_INTERVAL) > 0) {
            throw invalid("interval", "must be between 100ms and 2s, was " + interval);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(interval) > 0) {
            throw invalid("timeout", "must be positive and at most the interval (" + interval + "), was " + timeout);
        }
        if (history == null || history.compareTo(interval) < 0 || history.compareTo(Duration.ofHours(1)) > 0) {
            throw invalid("history", "must be between the interval and 1h, was " + history);
        }
        if (linger == null || linger.isNegative()) {
            throw invalid("linger", "must not be negative, was " + linger);
        }
    }

    /** How many frames {@link #history} holds. */
    public int historyFrames() {
        return (int) Math.max(1, history.toMillis() / interval.toMillis());
    }

    private static void requireHttp(String property, URI url) {
        if (url == null || url.getHost() == null
                || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw invalid(property, "must be an http(s) URL with a host, e.g. " + DEFAULT_COMPOSER + ", was " + url);
        }
    }

    private static IllegalArgumentException invalid(String property, String why) {
        return new IllegalArgumentException("mosaic.stubs.console." + property + " " + why);
    }
}

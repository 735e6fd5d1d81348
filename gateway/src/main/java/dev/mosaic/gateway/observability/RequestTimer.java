package dev.mosaic.gateway.observability;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's request timer, {@code http.server.requests}, with the tags Spring's server
 * observation gave it ({@code method}, {@code uri}, {@code status}, {@code outcome},
 * {@code exception}, {@code error}) plus {@code route}, recorded directly: one {@link Timer} per tag
 * combination, built once and then found by a map lookup (every tag value comes from a closed set, so
 * the map stays small). Boot's {@code management.metrics.distribution.*} properties for
 * {@code http.server.requests} (histogram buckets) apply as to any meter of that name.
 */
final class RequestTimer {

    static final String NAME = "http.server.requests";

    private final MeterRegistry registry;
    private final ConcurrentMap<Key, Timer> timers = new ConcurrentHashMap<>();

    RequestTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String method, String uri, String status, String outcome, String exception, String route,
            long nanos) {
        Key key = new Key(method, uri, status, outcome, exception, route);
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, this::register);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(Key key) {
        return Timer.builder(NAME)
                .description("HTTP server requests at the edge, by route")
                .tag("method", key.method())
                .tag("uri", key.uri())
                .tag("status", key.status())
                .tag("outcome", key.outcome())
                .tag("exception", key.exception())
                .tag("error", key.exception())
                .tag("route", key.route())
                .register(registry);
    }

    private record Key(String method, String uri, String status, String outcome, String exception, String route) {
    }
}

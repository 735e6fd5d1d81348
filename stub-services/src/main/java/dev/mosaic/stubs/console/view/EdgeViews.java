package dev.mosaic.stubs.console.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import dev.mosaic.stubs.console.scrape.MetricSamples.Sample;

/**
 * The gateway's part of the view, from {@code http_server_requests_seconds} (route, status) and its
 * route breakers (gateway/README.md, Metrics). Requests to the management port (the console's own
 * scrapes among them, {@code uri="/actuator/…"}) share that timer and are left out: they are not the
 * edge's traffic.
 */
final class EdgeViews {

    static final String REQUESTS = "http_server_requests_seconds";
    static final String ALL = "all";

    private static final Predicate<Sample> EDGE = s -> !s.label("uri").startsWith("/actuator");

    private final Deltas deltas;

    EdgeViews(Deltas deltas) {
        this.deltas = deltas;
    }

    /** Every route that has a breaker or answered a request since the previous scrape. */
    List<ConsoleFrame.Route> routes(Map<String, String> states) {
        Set<String> names = new TreeSet<>(states.keySet());
        deltas.rateBy(REQUESTS + "_count", EDGE, s -> s.label("route"))
                .forEach((route, rate) -> {
                    if (rate > 0) {
                        names.add(route);
                    }
                });
        List<ConsoleFrame.Route> routes = new ArrayList<>();
        for (String name : names) {
            routes.add(route(name, states.get(name), EDGE.and(s -> s.is("route", name))));
        }
        return routes;
    }

    /** Every route together. */
    ConsoleFrame.Route edge() {
        return route(ALL, null, EDGE);
    }

    private ConsoleFrame.Route route(String name, String state, Predicate<Sample> filter) {
        Map<String, Double> classes = new LinkedHashMap<>();
        for (String statusClass : List.of("2xx", "3xx", "4xx", "5xx")) {
            classes.put(statusClass, 0.0);
        }
        Map<String, Double> byClass = deltas.rateBy(REQUESTS + "_count", filter, EdgeViews::statusClass);
        byClass.forEach((statusClass, rate) -> classes.merge(statusClass, rate, Double::sum));
        return new ConsoleFrame.Route(name, state,
                deltas.rate(REQUESTS + "_count", filter),
                deltas.known() ? classes : Map.of(),
                deltas.rate(REQUESTS + "_count", filter.and(s -> s.is("status", "429"))),
                deltas.rate(REQUESTS + "_count", filter.and(s -> s.is("status", "503"))),
                Quantiles.millis(0.99, deltas.bucketIncrease(REQUESTS, filter)));
    }

    private static String statusClass(Sample sample) {
        String status = sample.label("status");
        return status.length() == 3 ? status.charAt(0) + "xx" : "other";
    }
}

package dev.mosaic.loadtest.experiment;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one experiment run is set up, read from {@code mosaic.loadtest.*} system properties (which
 * {@code loadtest/run} sets from its command line). Every URL is configurable so that the suite can
 * run against a stack on other ports.
 *
 * <pre>{@code
 * -Dmosaic.loadtest.experiment=baseline -Dmosaic.loadtest.rate=20 -Dmosaic.loadtest.duration=60s
 * }</pre>
 *
 * @param experiment             name of the experiment
 * @param rate                   dashboards per second (open model); the overload step multiplies it
 * @param duration               length of the whole run
 * @param smoke                  a short, low-rate run for CI
 * @param users                  distinct users (and tokens) the traffic rotates over
 * @param overloadFactor         the overload step's rate as a multiple of {@code capacity}
 * @param overloadClients        token subjects in {@code overload}, each one rate-limit client
 * @param capacity               dashboards per second the stack serves within its SLO on this machine
 * @param gatewayUrl             the edge
 * @param controlUrl             the stub control plane (chaos API, identity provider, stub metrics)
 * @param composerManagementUrl  the composer's actuator (circuit-breaker state)
 * @param gatewayManagementUrl   the gateway's actuator
 * @param probeInterval          how often circuit state and backend counters are sampled
 * @param reportDir              where the summary, the chart and Gatling's report go
 */
public record RunSettings(
        String experiment,
        double rate,
        Duration duration,
        boolean smoke,
        int users,
        double overloadFactor,
        int overloadClients,
        double capacity,
        URI gatewayUrl,
        URI controlUrl,
        URI composerManagementUrl,
        URI gatewayManagementUrl,
        Duration probeInterval,
        Path reportDir) {

    /** Prefix of every system property read here. */
    public static final String PREFIX = "mosaic.loadtest.";
    /** Sized for a 2-core machine running the whole stack and Gatling at once. */
    public static final double DEFAULT_RATE = 20;
    public static final double SMOKE_RATE = 8;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    public static final Duration SMOKE_DURATION = Duration.ofSeconds(40);
    public static final int DEFAULT_USERS = 200;
    /** The overload step: several times the base rate, past what two cores can serve. */
    public static final double DEFAULT_OVERLOAD_FACTOR = 3;
    /**
     * As many clients as users, so that no client passes the gateway's per-client limit (50/s) and
     * the concurrency limits, not the rate limiter, are what shed ({@code --overload-clients 1} shows
     * the rate limiter instead).
     */
    public static final int DEFAULT_OVERLOAD_CLIENTS = DEFAULT_USERS;
    /**
     * What the whole stack (stubs, composer, gateway and the load generator, on 2 cores) serves
     * within its SLO here: loadtest/README.md, "Capacity", has how it was measured.
     */
    public static final double DEFAULT_CAPACITY = 300;

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    public RunSettings {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be a positive number of requests per second, was " + rate);
        }
        if (users < 1 || overloadClients < 1) {
            throw new IllegalArgumentException("users and overload clients must be at least 1");
        }
        if (!(capacity > 0)) {
            throw new IllegalArgumentException("capacity must be a positive number of dashboards per second, was " + capacity);
        }
        if (!(overloadFactor >= 1)) {
            throw new IllegalArgumentException("the overload factor must be at least 1, was " + overloadFactor);
        }
        Phases.of(duration);
    }

    /** Settings from the JVM's system properties. */
    public static RunSettings fromSystemProperties() {
        return from(System.getProperties());
    }

    /** Settings from {@code properties}; unset ones get the documented defaults. */
    public static RunSettings from(Properties properties) {
        Function<String, String> get = key -> {
            String value = properties.getProperty(PREFIX + key);
            return value == null || value.isBlank() ? null : value.trim();
        };
        return from(get);
    }

    /** Settings from a plain map of {@code mosaic.loadtest.*} keys. */
    public static RunSettings from(Map<String, String> properties) {
        return from((Function<String, String>) key -> {
            String value = properties.get(PREFIX + key);
            return value == null || value.isBlank() ? null : value.trim();
        });
    }

    private static RunSettings from(Function<String, String> get) {
        String experiment = or(get.apply("experiment"), "baseline");
        boolean smoke = Boolean.parseBoolean(or(get.apply("smoke"), "false"));
        // an experiment may run at its own rate and length unless told otherwise (a smoke run never does)
        Traffic traffic = Experiments.byName(experiment).map(Experiment::traffic).orElse(Traffic.DASHBOARD_ONLY);
        double defaultRate = smoke ? SMOKE_RATE : traffic.defaultRate() > 0 ? traffic.defaultRate() : DEFAULT_RATE;
        Duration defaultDuration = smoke ? SMOKE_DURATION : traffic.defaultDuration().orElse(DEFAULT_DURATION);
        double rate = number("rate", or(get.apply("rate"), String.valueOf(defaultRate)));
        Duration duration = duration("duration", or(get.apply("duration"), defaultDuration.toMillis() + "ms"));
        int users = (int) number("users", or(get.apply("users"), String.valueOf(DEFAULT_USERS)));
        double factor = number("overload-factor", or(get.apply("overload-factor"), String.valueOf(DEFAULT_OVERLOAD_FACTOR)));
        int clients = (int) number("overload-clients", or(get.apply("overload-clients"), String.valueOf(DEFAULT_OVERLOAD_CLIENTS)));
        double capacity = number("capacity", or(get.apply("capacity"), String.valueOf(DEFAULT_CAPACITY)));
        URI gateway = uri("gateway-url", or(get.apply("gateway-url"), "http://127.0.0.1:8080"));
        URI control = uri("control-url", or(get.apply("control-url"), "http://127.0.0.1:9000"));
        URI composerManagement = uri("composer-management-url", or(get.apply("composer-management-url"), "http://127.0.0.1:8091"));
        URI gatewayManagement = uri("gateway-management-url", or(get.apply("gateway-management-url"), "http://127.0.0.1:8090"));
        Duration probe = duration("probe-interval", or(get.apply("probe-interval"), "1s"));
        Path reportDir = Path.of(or(get.apply("report-dir"), "target/reports/" + experiment));
        return new RunSettings(experiment, rate, duration, smoke, users, factor, clients, capacity, gateway, control,
                composerManagement, gatewayManagement, probe, reportDir);
    }

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or a bare number of seconds.
     *
     * @throws IllegalArgumentException naming the setting when the text is not a duration
     */
    public static Duration duration(String name, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(name + " must be a duration such as 30s, 2m or 500ms, was '" + text + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private static double number(String name, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + text + "'", e);
        }
    }

    private static URI uri(String name, String text) {
        URI uri;
        try {
            uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an http URL, was '" + text + "'", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http URL, was '" + text + "'");
        }
        return uri;
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** The run's timeline. */
    public Phases phases() {
        return Phases.of(duration);
    }
}

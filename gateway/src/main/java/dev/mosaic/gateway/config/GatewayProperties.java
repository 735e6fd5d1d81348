package dev.mosaic.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway routes to and how much it accepts, bound from {@code mosaic.gateway.*}.
 *
 * <p>Each URL has an environment form ({@code MOSAIC_GATEWAY_USER_URL} …). Route policies are keyed
 * by route id ({@link RouteIds}); a route without an entry uses its documented default:
 * <pre>{@code
 * mosaic.gateway.routes.orders.response-timeout: 800ms
 * mosaic.gateway.routes.orders.retries: 1
 * }</pre>
 */
@Validated
@ConfigurationProperties("mosaic.gateway")
public record GatewayProperties(
        @NotNull @DefaultValue("http://127.0.0.1:8081") URI composerUrl,
        @NotNull @DefaultValue("http://127.0.0.1:9001") URI userUrl,
        @NotNull @DefaultValue("http://127.0.0.1:9002") URI ordersUrl,
        @NotNull @DefaultValue("http://127.0.0.1:9003") URI recommendationsUrl,
        @NotNull @DefaultValue("1MB") DataSize maxRequestSize,
        @Valid Map<String, RoutePolicy> routes) {

    public GatewayProperties {
        routes = routes == null ? Map.of() : Map.copyOf(routes);
    }

    /** The policy for a route: the configured one, else the route's default. */
    public RoutePolicy policyFor(String routeId) {
        RoutePolicy configured = routes.get(routeId);
        if (configured != null) {
            return configured;
        }
        return RouteIds.toComposer(routeId) ? RoutePolicy.COMPOSER_DEFAULT : RoutePolicy.BACKEND_DEFAULT;
    }

    /**
     * The policy for a composition's route: the configured one, else the composer's default
     * stretched to the composition's own {@code deadline} (null: the composer's default deadline).
     */
    public RoutePolicy compositionPolicy(String routeId, Duration deadline) {
        RoutePolicy configured = routes.get(routeId);
        return configured != null ? configured : RoutePolicy.composerFor(deadline);
    }

    /**
     * Route ids, also the circuit breaker names (visible on the actuator's circuitbreakers endpoint).
     * Besides these fixed routes every composition has one: {@code composition-<name>}, the shipped
     * dashboard keeping its historic id {@value #COMPOSER} (see {@code CompositionRoute}).
     */
    public static final class RouteIds {
        /** The dashboard composition's route ({@code /api/dashboard/{userId}}). */
        public static final String COMPOSER = "dashboard";
        public static final String ME_DASHBOARD = "me-dashboard";
        public static final String USERS = "users";
        public static final String ORDERS = "orders";
        public static final String RECOMMENDATIONS = "recommendations";
        /** What every composition route id but the dashboard's starts with. */
        public static final String COMPOSITION_PREFIX = "composition-";
        /** The route tag of a request no route matches (a 404, {@code /}, anything outside {@code /api}). */
        public static final String NONE = "none";
        /** The routes that exist whatever the composition files say (the dashboard's is a composition's). */
        public static final List<String> FIXED = List.of(ME_DASHBOARD, USERS, ORDERS, RECOMMENDATIONS);

        public static final String ME_DASHBOARD_PATH = "/api/me/dashboard";
        public static final String USERS_PREFIX = "/api/users";
        public static final String ORDERS_PREFIX = "/api/orders";
        public static final String RECOMMENDATIONS_PREFIX = "/api/recommendations";

        private RouteIds() {
        }

        /** Whether the route goes to the composer (the dashboard's, {@code /api/me/dashboard}'s, a composition's). */
        public static boolean toComposer(String routeId) {
            return COMPOSER.equals(routeId) || ME_DASHBOARD.equals(routeId) || routeId.startsWith(COMPOSITION_PREFIX);
        }

        /**
         * The fixed route a path belongs to, by the same paths as the routes' predicates, for requests
         * answered before routing ran (401, 403, 429, ...), else {@value #NONE}. Always one of the ids
         * above: safe as a meter tag, whatever the caller sends. Composition paths are looked up by
         * {@code EdgeRoutes}.
         */
        public static String forPath(String path) {
            if (ME_DASHBOARD_PATH.equals(path)) {
                return ME_DASHBOARD;
            }
            if (under(path, USERS_PREFIX)) {
                return USERS;
            }
            if (under(path, ORDERS_PREFIX)) {
                return ORDERS;
            }
            if (under(path, RECOMMENDATIONS_PREFIX)) {
                return RECOMMENDATIONS;
            }
            return NONE;
        }

        private static boolean under(String path, String prefix) {
            return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
        }
    }

}

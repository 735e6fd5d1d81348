package dev.mosaic.gateway.observability;

import dev.mosaic.gateway.routing.EdgeRoutes;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.springframework.http.server.reactive.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * Spring's {@code http.server.requests} convention plus a low-cardinality {@code route} key (see
 * {@link RouteTag}). Behind a gateway every request's {@code uri} tag is {@code UNKNOWN} (no
 * handler path pattern), so {@code route} is what tells the routes apart, for requests that were
 * proxied and for those the gateway answered itself (401, 404, 429, ...) alike. This one timer is
 * the gateway's request timer: Spring Cloud Gateway's own {@code spring.cloud.gateway.requests}
 * timer is switched off, as it would time the same proxied requests a second time.
 */
public final class RouteTaggedServerRequestConvention extends DefaultServerRequestObservationConvention {

    public static final String ROUTE = "route";

    private final RouteTag routeTag;

    public RouteTaggedServerRequestConvention(String name, EdgeRoutes routes) {
        super(name);
        this.routeTag = new RouteTag(routes);
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
        return super.getLowCardinalityKeyValues(context).and(KeyValue.of(ROUTE, routeTag.of(context)));
    }
}

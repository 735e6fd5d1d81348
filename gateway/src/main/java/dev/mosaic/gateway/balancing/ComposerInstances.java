package dev.mosaic.gateway.balancing;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Several composer instances behind the composed routes, bound from {@code mosaic.gateway.composer.*}.
 * Empty (the default): every composed route goes to {@code mosaic.gateway.composer-url}, exactly as
 * with one composer. Listed: the routes go to {@value #SERVICE_ID} through Spring Cloud LoadBalancer
 * (round robin over the instances whose readiness answers 200, see {@link ComposerBalancing}).
 *
 * <pre>{@code
 * mosaic.gateway.composer.instances[0].url=http://127.0.0.1:8081
 * mosaic.gateway.composer.instances[0].readiness-url=http://127.0.0.1:8091/actuator/health/readiness
 * mosaic.gateway.composer.instances[1].url=http://127.0.0.1:8181
 * mosaic.gateway.composer.instances[1].readiness-url=http://127.0.0.1:8191/actuator/health/readiness
 * }</pre>
 *
 * @param instances the composers; none: the single {@code composer-url}
 */
@Validated
@ConfigurationProperties("mosaic.gateway.composer")
public record ComposerInstances(@Valid List<Instance> instances) {

    /** The load-balancer service id of the composers, and the host of their routes' {@code lb:} URI. */
    public static final String SERVICE_ID = "composer";

    public ComposerInstances {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /**
     * One composer.
     *
     * @param url          where it serves compositions
     * @param readinessUrl its readiness on its management port; without one the instance is taken to be
     *                     ready (a dead one is then only skipped by the connect retry)
     */
    public record Instance(@NotNull URI url, URI readinessUrl) {
    }

    /** Whether the composed routes are balanced over {@link #instances()}. */
    public boolean balanced() {
        return !instances.isEmpty();
    }

    /** The URI of the composed routes: {@code lb://composer} when balanced, else {@code single}. */
    public URI routeUri(URI single) {
        return balanced() ? URI.create("lb://" + SERVICE_ID) : single;
    }
}

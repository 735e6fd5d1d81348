package dev.mosaic.composer.balancing;

import java.util.Map;

/**
 * The balancers of the sources that have several instances, by source name; a source with one
 * instance has none (its calls go straight to its URL).
 */
public final class SourceBalancers {

    private final Map<String, SourceBalancer> balancers;

    public SourceBalancers(Map<String, SourceBalancer> balancers) {
        this.balancers = Map.copyOf(balancers);
    }

    /** The source's balancer, or null when it has one instance. */
    public SourceBalancer of(String source) {
        return balancers.get(source);
    }

    /** Every balancer. */
    public Iterable<SourceBalancer> all() {
        return balancers.values();
    }

    /** Stops every health check. */
    public void dispose() {
        balancers.values().forEach(SourceBalancer::dispose);
    }
}

package dev.mosaic.composer.balancing;

import java.util.ArrayList;
import java.util.List;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RetryableRequestContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * A source's static instance list as Spring Cloud LoadBalancer reads it, less the instances whose
 * {@link InstanceHealth} takes them out. The healthy list is recomputed on each transition (rare),
 * never per call. When no instance is healthy, all are offered ("panic", as Envoy does below its
 * panic threshold): the calls then fail or succeed on their own, and the source's circuit breaker,
 * not the balancer, decides what the section's reason is.
 *
 * <p>A retry names the instance its previous attempt went to ({@link RetryableRequestContext}, as
 * Spring Cloud's own retry-aware supplier reads it); that one is left out when another is healthy.
 */
final class HealthyInstances implements ServiceInstanceListSupplier {

    private final String source;
    private final List<SourceInstance> all;
    private volatile List<ServiceInstance> offered;

    HealthyInstances(String source, List<SourceInstance> all) {
        this.source = source;
        this.all = List.copyOf(all);
        this.offered = List.copyOf(all);
    }

    /** Recomputes the offered list after a transition. */
    void refresh() {
        List<ServiceInstance> healthy = new ArrayList<>(all.size());
        for (SourceInstance instance : all) {
            if (instance.health().isAvailable()) {
                healthy.add(instance);
            }
        }
        offered = healthy.isEmpty() ? List.copyOf(all) : List.copyOf(healthy);
    }

    /** The instances offered now. */
    List<ServiceInstance> offered() {
        return offered;
    }

    @Override
    public String getServiceId() {
        return source;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.just(offered);
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        List<ServiceInstance> now = offered;
        if (now.size() > 1 && request.getContext() instanceof RetryableRequestContext context
                && context.getPreviousServiceInstance() != null) {
            List<ServiceInstance> others = new ArrayList<>(now);
            if (others.remove(context.getPreviousServiceInstance()) && !others.isEmpty()) {
                return Flux.just(others);
            }
        }
        return Flux.just(now);
    }
}

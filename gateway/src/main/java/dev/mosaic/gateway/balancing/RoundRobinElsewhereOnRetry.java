package dev.mosaic.gateway.balancing;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Mono;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR;

/**
 * Spring Cloud LoadBalancer's round robin, except that a retried request never goes back to an
 * instance one of its earlier attempts went to (each choice is remembered in the exchange's attributes,
 * which Spring Cloud Gateway hands the load balancer; the last one is also its
 * {@code GATEWAY_LOADBALANCER_RESPONSE_ATTR}). Plain round robin retries on "the next position",
 * which is the same refused instance again whenever the list changed in between, as it does the
 * moment a health check takes a dead composer out. When every instance was tried, it is plain round robin.
 */
final class RoundRobinElsewhereOnRetry implements ReactorServiceInstanceLoadBalancer {

    /** The exchange attribute with the instances a request's attempts went to. */
    static final String TRIED = RoundRobinElsewhereOnRetry.class.getName() + ".tried";

    private final String serviceId;
    private final ObjectProvider<ServiceInstanceListSupplier> suppliers;
    private final AtomicInteger position = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000));

    RoundRobinElsewhereOnRetry(String serviceId, ObjectProvider<ServiceInstanceListSupplier> suppliers) {
        this.serviceId = serviceId;
        this.suppliers = suppliers;
    }

    @Override
    public Mono<Response<ServiceInstance>> choose(Request request) {
        ServiceInstanceListSupplier supplier = suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new);
        Map<String, Object> attributes = attributes(request);
        Set<ServiceInstance> tried = tried(attributes);
        return supplier.get(request).next().map(instances -> {
            Response<ServiceInstance> chosen = choose(instances, tried);
            if (chosen.hasServer() && attributes != null) {
                remember(attributes, tried, chosen.getServer());
            }
            return chosen;
        });
    }

    private Response<ServiceInstance> choose(List<ServiceInstance> instances, Set<ServiceInstance> tried) {
        if (instances.isEmpty()) {
            return new EmptyResponse();
        }
        int start = position.getAndIncrement() & Integer.MAX_VALUE;
        for (int i = 0; i < instances.size(); i++) {
            ServiceInstance candidate = instances.get((start + i) % instances.size());
            if (!tried.contains(candidate)) {
                return new DefaultResponse(candidate);
            }
        }
        return new DefaultResponse(instances.get(start % instances.size())); // every one was tried
    }

    private static Map<String, Object> attributes(Request<?> request) {
        return request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null
                ? context.getClientRequest().getAttributes() : null;
    }

    @SuppressWarnings("unchecked")
    private static Set<ServiceInstance> tried(Map<String, Object> attributes) {
        if (attributes == null) {
            return Set.of();
        }
        Set<ServiceInstance> tried = new HashSet<>();
        if (attributes.get(TRIED) instanceof Set<?> earlier) {
            tried.addAll((Set<ServiceInstance>) earlier);
        }
        // the previous attempt's choice, should the attributes have been copied on the way
        if (attributes.get(GATEWAY_LOADBALANCER_RESPONSE_ATTR) instanceof Response<?> response
                && response.getServer() instanceof ServiceInstance instance) {
            tried.add(instance);
        }
        return tried;
    }

    private static void remember(Map<String, Object> attributes, Set<ServiceInstance> tried, ServiceInstance chosen) {
        Set<ServiceInstance> now = new HashSet<>(tried);
        now.add(chosen);
        try {
            attributes.put(TRIED, Set.copyOf(now));
        }
        catch (UnsupportedOperationException readOnly) {
            // only the previous choice is known then
        }
    }

    @Override
    public String toString() {
        return "RoundRobinElsewhereOnRetry[" + serviceId + "]";
    }
}

package dev.mosaic.gateway.balancing;

import java.util.List;
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
 * Spring Cloud LoadBalancer's round robin, except that a retried request never goes back to the
 * instance its previous attempt went to (Spring Cloud Gateway leaves that choice in the exchange's
 * {@code GATEWAY_LOADBALANCER_RESPONSE_ATTR}). Plain round robin retries on "the next position",
 * which is the same refused instance again whenever the list changed in between, as it does the
 * moment a health check takes a dead composer out.
 */
final class RoundRobinElsewhereOnRetry implements ReactorServiceInstanceLoadBalancer {

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
        ServiceInstance previous = previousChoice(request);
        return supplier.get(request).next().map(instances -> choose(instances, previous));
    }

    private Response<ServiceInstance> choose(List<ServiceInstance> instances, ServiceInstance previous) {
        if (instances.isEmpty()) {
            return new EmptyResponse();
        }
        int start = position.getAndIncrement() & Integer.MAX_VALUE;
        for (int i = 0; i < instances.size(); i++) {
            ServiceInstance candidate = instances.get((start + i) % instances.size());
            if (!candidate.equals(previous)) {
                return new DefaultResponse(candidate);
            }
        }
        return new DefaultResponse(instances.get(start % instances.size())); // the only one there is
    }

    private static ServiceInstance previousChoice(Request<?> request) {
        if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null
                && context.getClientRequest().getAttributes() != null
                && context.getClientRequest().getAttributes().get(GATEWAY_LOADBALANCER_RESPONSE_ATTR)
                        instanceof Response<?> response
                && response.getServer() instanceof ServiceInstance instance) {
            return instance;
        }
        return null;
    }

    @Override
    public String toString() {
        return "RoundRobinElsewhereOnRetry[" + serviceId + "]";
    }
}

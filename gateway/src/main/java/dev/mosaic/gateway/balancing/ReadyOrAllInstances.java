package dev.mosaic.gateway.balancing;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * The instances whose readiness passed the last health check, or every instance when none did (a
 * panic mode, as Envoy's): a probe that times out on a busy gateway must not turn a working set of
 * composers into a total outage. When they really are all down, requests fail fast with a connect
 * error (503 problem) instead of waiting for an instance. Starts and stops the health checks with
 * the load balancer's context.
 */
final class ReadyOrAllInstances implements ServiceInstanceListSupplier, InitializingBean, DisposableBean {

    private final HealthCheckServiceInstanceListSupplier ready;
    private final List<ServiceInstance> all;

    ReadyOrAllInstances(HealthCheckServiceInstanceListSupplier ready, List<ServiceInstance> all) {
        this.ready = ready;
        this.all = List.copyOf(all);
    }

    @Override
    public String getServiceId() {
        return ready.getServiceId();
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return ready.get().map(this::inConfiguredOrder);
    }

    /**
     * The ready ones in the order they are configured, not in the order their probes answered: a
     * stable list keeps round robin's next instance (where a refused connection is retried) a different one.
     */
    private List<ServiceInstance> inConfiguredOrder(List<ServiceInstance> ready) {
        if (ready.isEmpty()) {
            return all;
        }
        List<ServiceInstance> ordered = new ArrayList<>(ready.size());
        for (ServiceInstance instance : all) {
            if (ready.contains(instance)) {
                ordered.add(instance);
            }
        }
        return ordered;
    }

    @Override
    public void afterPropertiesSet() {
        ready.afterPropertiesSet();
    }

    @Override
    public void destroy() {
        ready.destroy();
    }
}

package dev.mosaic.gateway.balancing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.HealthCheckServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.annotation.Bean;

/**
 * The composers' load-balancer configuration (Spring Cloud LoadBalancer's child context for
 * {@value ComposerInstances#SERVICE_ID}; deliberately not a {@code @Configuration}, so that component
 * scanning does not put it in the application's context): the static list of
 * {@code mosaic.gateway.composer.instances}, health-checked by Spring Cloud's
 * {@link HealthCheckServiceInstanceListSupplier} against each one's readiness every
 * {@code spring.cloud.loadbalancer.health-check.interval} (1 s), with {@link ReadyOrAllInstances} on
 * top, and {@link RoundRobinElsewhereOnRetry}.
 */
public class ComposerBalancing {

    @Bean
    ReactorServiceInstanceLoadBalancer composerLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers) {
        return new RoundRobinElsewhereOnRetry(ComposerInstances.SERVICE_ID, suppliers);
    }

    @Bean
    ServiceInstanceListSupplier composerInstances(ComposerInstances composers, LoadBalancerClientFactory factory) {
        List<ServiceInstance> instances = new ArrayList<>();
        int index = 0;
        for (ComposerInstances.Instance composer : composers.instances()) {
            Map<String, String> metadata = composer.readinessUrl() == null ? Map.of()
                    : Map.of(ReadinessProbe.READINESS_URL, composer.readinessUrl().toString());
            instances.add(new DefaultServiceInstance(ComposerInstances.SERVICE_ID + "-" + index++,
                    ComposerInstances.SERVICE_ID, composer.url().getHost(), composer.url().getPort(),
                    "https".equals(composer.url().getScheme()), metadata));
        }
        ServiceInstanceListSupplier all = ServiceInstanceListSuppliers.from(ComposerInstances.SERVICE_ID,
                instances.toArray(ServiceInstance[]::new));
        return new ReadyOrAllInstances(new HealthCheckServiceInstanceListSupplier(all, factory, new ReadinessProbe()),
                instances);
    }
}

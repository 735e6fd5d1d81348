package dev.mosaic.gateway.balancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.context.annotation.Configuration;

/** Registers {@link ComposerBalancing} as the load-balancer configuration of the composers. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = ComposerInstances.SERVICE_ID, configuration = ComposerBalancing.class)
public class BalancingConfiguration {
}

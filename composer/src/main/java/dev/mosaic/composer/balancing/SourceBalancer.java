package dev.mosaic.composer.balancing;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.mosaic.composer.resilience.TimeSource;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RetryableRequestContext;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.support.SimpleObjectProvider;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Client-side load balancing over the instances of one source: Spring Cloud LoadBalancer's
 * {@link RoundRobinLoadBalancer} over a static list ({@link HealthyInstances}), each instance with
 * its own {@link InstanceHealth} (passive ejection from its calls, {@link ActiveHealthCheck} to put
 * it back). Only a source with several URLs has one: a single-instance source calls its one URL
 * directly, as before.
 *
 * <pre>{@code
 * SourceBalancer orders = SourceBalancer.create("orders", List.of(a, b), settings, listener);
 * orders.startHealthChecks(probe, time);
 * orders.choose(previous);            // Mono<SourceInstance>: round robin, not `previous` when another is healthy
 * }</pre>
 */
public final class SourceBalancer {

    /**
     * How instances are checked and ejected.
     *
     * @param interval time between two health checks of an instance
     * @param timeout one health check's limit (a check that does not answer in time fails)
     * @param path the path checked on every instance (a status below 500 passes)
     * @param unhealthyThreshold failed health checks in a row that take a healthy instance out
     * @param consecutiveFailures failed calls in a row that eject an instance
     */
    public record Settings(Duration interval, Duration timeout, String path, int unhealthyThreshold,
            int consecutiveFailures) {
    }

    private static final Request<?> FIRST_ATTEMPT = new DefaultRequest<>();

    private final String source;
    private final Settings settings;
    private final List<SourceInstance> instances;
    private final HealthyInstances supplier;
    private final ReactorServiceInstanceLoadBalancer loadBalancer;
    private volatile Disposable healthChecks;

    private SourceBalancer(String source, Settings settings, List<SourceInstance> instances,
            HealthyInstances supplier) {
        this.source = source;
        this.settings = settings;
        this.instances = instances;
        this.supplier = supplier;
        this.loadBalancer = new RoundRobinLoadBalancer(new SimpleObjectProvider<>(supplier), source, 0);
    }

    /** The balancer over {@code urls} (at least two), every instance healthy at first. */
    public static SourceBalancer create(String source, List<URI> urls, Settings settings,
            InstanceHealth.Listener listener) {
        if (urls.size() < 2) {
            throw new IllegalArgumentException("a balancer needs at least two instances, got " + urls.size());
        }
        List<SourceInstance> instances = new ArrayList<>(urls.size());
        HealthyInstances[] supplier = new HealthyInstances[1];
        for (URI url : urls) {
            InstanceHealth health = new InstanceHealth(settings.consecutiveFailures(), settings.unhealthyThreshold(),
                    () -> supplier[0].refresh());
            SourceInstance instance = new SourceInstance(source, url, health);
            health.bind(instance, listener);
            instances.add(instance);
        }
        supplier[0] = new HealthyInstances(source, instances);
        return new SourceBalancer(source, settings, List.copyOf(instances), supplier[0]);
    }

    /** The source's name. */
    public String source() {
        return source;
    }

    /** Every instance, in configured order. */
    public List<SourceInstance> instances() {
        return instances;
    }

    /** The first instance (requests are validated and coalesced against it). */
    public SourceInstance primary() {
        return instances.get(0);
    }

    /**
     * The instance for the next attempt: round robin over the healthy ones (all when none is), and
     * not {@code previous} (the instance the call's last attempt went to) when another is healthy.
     */
    public Mono<SourceInstance> choose(SourceInstance previous) {
        Request<?> request = previous == null ? FIRST_ATTEMPT
                : new DefaultRequest<>(new RetryableRequestContext(previous));
        return loadBalancer.choose(request).map(response -> (SourceInstance) response.getServer());
    }

    /** How many instances are in {@code state} now (for the meters). */
    public int count(InstanceState state) {
        int n = 0;
        for (SourceInstance instance : instances) {
            if (instance.health().state() == state) {
                n++;
            }
        }
        return n;
    }

    /** Starts checking every instance each {@link Settings#interval()} on {@code time}'s scheduler. */
    public synchronized void startHealthChecks(HealthProbe probe, TimeSource time) {
        if (healthChecks == null) {
            healthChecks = new ActiveHealthCheck(instances, settings, probe, time).start();
        }
    }

    /** Stops the health checks. */
    public synchronized void dispose() {
        if (healthChecks != null) {
            healthChecks.dispose();
            healthChecks = null;
        }
    }
}

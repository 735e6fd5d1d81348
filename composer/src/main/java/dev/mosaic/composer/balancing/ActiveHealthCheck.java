package dev.mosaic.composer.balancing;

import java.util.List;
import java.util.concurrent.TimeoutException;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import dev.mosaic.composer.resilience.TimeSource;

/**
 * Checks every instance of a source once per interval, all at once, each check bounded by its
 * timeout, on the composer's one clock (so a virtual-time test runs hours of checks in no time). A
 * check that does not answer in time, or answers 5xx, or cannot connect, fails. Spring Cloud
 * LoadBalancer's own {@code HealthCheckServiceInstanceListSupplier} was not used: its checks are
 * bounded only by the interval itself, it publishes each round's list while the round is still
 * answering (so for a moment a healthy instance is missing), and it cannot see the calls' own
 * failures; here the checks feed the same {@link InstanceHealth} as the calls.
 */
final class ActiveHealthCheck {

    private final List<SourceInstance> instances;
    private final SourceBalancer.Settings settings;
    private final HealthProbe probe;
    private final TimeSource time;

    ActiveHealthCheck(List<SourceInstance> instances, SourceBalancer.Settings settings, HealthProbe probe,
            TimeSource time) {
        this.instances = instances;
        this.settings = settings;
        this.probe = probe;
        this.time = time;
    }

    Disposable start() {
        return Flux.interval(settings.interval(), settings.interval(), time.timer())
                // a round still running when the next is due is not doubled
                .onBackpressureDrop()
                .concatMap(tick -> Flux.fromIterable(instances).flatMap(this::check).then(), 1)
                .subscribe();
    }

    private Mono<Void> check(SourceInstance instance) {
        return Mono.defer(() -> probe.check(instance.uri(settings.path())))
                .timeout(settings.timeout(), time.timer())
                .then(Mono.fromRunnable(() -> instance.health().onHealthCheck(true, null)))
                .onErrorResume(failure -> {
                    instance.health().onHealthCheck(false, describe(failure));
                    return Mono.empty();
                })
                .then();
    }

    private String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "no answer within " + settings.timeout().toMillis() + " ms";
        }
        return String.valueOf(failure.getMessage());
    }
}

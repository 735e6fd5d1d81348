package dev.mosaic.composer.balancing;

import java.net.URI;

import dev.mosaic.composer.client.BackendCallException;
import dev.mosaic.composer.client.BackendClient;
import dev.mosaic.composer.client.ForwardedHeaders;
import reactor.core.publisher.Mono;

/**
 * One health-check request: completes when the instance answered with a status below 500, fails
 * otherwise (a connect error, a reset, a 5xx). Non-blocking; {@link ActiveHealthCheck} bounds it.
 */
@FunctionalInterface
public interface HealthProbe {

    /** Asks {@code uri}. */
    Mono<Void> check(URI uri);

    /**
     * A {@code GET} through the backend client (same pool, same failure kinds): a 2xx, 3xx or 4xx
     * passes (the instance answers; the stubs have no health path and answer 404), a 5xx fails.
     */
    static HealthProbe over(BackendClient client) {
        return uri -> client.get(uri, ForwardedHeaders.NONE)
                .then()
                .onErrorResume(e -> e instanceof BackendCallException call
                        && call.kind() == BackendCallException.Kind.STATUS && call.status() < 500, e -> Mono.empty());
    }
}

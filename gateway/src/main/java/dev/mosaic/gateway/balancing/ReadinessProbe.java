package dev.mosaic.gateway.balancing;

import java.time.Duration;
import java.util.function.BiFunction;

import io.netty.channel.ChannelOption;
import org.springframework.cloud.client.ServiceInstance;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Asks one composer whether it is ready: {@code GET} its readiness URL (instance metadata
 * {@value #READINESS_URL}) answers 200. Anything else (503 while it starts or drains, a refused
 * connection, no answer within {@value #TIMEOUT_MILLIS} ms) is not ready. Over its own small pool,
 * never the routes' one, so a saturated upstream pool cannot make healthy composers look dead.
 */
final class ReadinessProbe implements BiFunction<ServiceInstance, String, Mono<Boolean>> {

    /** The instance metadata key of the readiness URL. */
    static final String READINESS_URL = "readiness-url";
    static final long TIMEOUT_MILLIS = 500;

    private final HttpClient client = HttpClient.create(ConnectionProvider.builder("mosaic-composer-readiness")
                    .maxConnections(8)
                    .maxIdleTime(Duration.ofSeconds(20))
                    .build())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 250)
            .responseTimeout(Duration.ofMillis(TIMEOUT_MILLIS));

    @Override
    public Mono<Boolean> apply(ServiceInstance instance, String ignoredHealthPath) {
        String url = instance.getMetadata().get(READINESS_URL);
        if (url == null) {
            return Mono.just(true);
        }
        return client.get().uri(url)
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code() == 200)))
                .timeout(Duration.ofMillis(TIMEOUT_MILLIS))
                .onErrorReturn(false);
    }
}

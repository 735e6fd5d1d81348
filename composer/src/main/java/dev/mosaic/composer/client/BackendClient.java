package dev.mosaic.composer.client;

import java.net.URI;
import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * GETs backend JSON bodies: a 2xx answer yields its body; anything else a {@link BackendCallException}
 * of its kind. One client (one bounded connection pool) serves every source.
 *
 * <pre>{@code
 * BackendClient client = BackendClient.reactorNetty(settings);
 * client.get(URI.create("http://127.0.0.1:9001/users/u-1"), ForwardedHeaders.NONE);   // Mono<byte[]>
 * }</pre>
 */
public interface BackendClient {

    /**
     * The client's limits: one bounded pool (never Reactor Netty's unbounded default).
     *
     * @param maxConnections connections per backend address
     * @param pendingAcquireMaxCount requests allowed to wait for a pooled connection, per backend
     * @param pendingAcquireTimeout how long a request may wait for a pooled connection
     * @param maxIdleTime idle connections are closed after this
     * @param maxLifeTime connections are recycled after this
     * @param connectTimeout TCP connect timeout
     * @param maxResponseSize bodies larger than this many bytes are refused ({@code BODY_TOO_LARGE})
     * @param requestMetrics whether Reactor Netty also times every request
     */
    public record Settings(int maxConnections, int pendingAcquireMaxCount, Duration pendingAcquireTimeout,
            Duration maxIdleTime, Duration maxLifeTime, Duration connectTimeout, long maxResponseSize,
            boolean requestMetrics) {
    }

    /** The client on Reactor Netty with its own bounded connection pool, sized by {@code settings}. */
    static BackendClient reactorNetty(Settings settings) {
        return ReactorNettyBackendClient.create(settings);
    }

    /** The body of a 2xx answer to {@code GET uri}. */
    Mono<byte[]> get(URI uri, ForwardedHeaders forwarded);

    /** Closes the client's connections. */
    default void dispose() {
    }
}

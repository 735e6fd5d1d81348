package dev.mosaic.composer.config;

import java.time.Duration;

import dev.mosaic.composer.client.BackendClient;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The backend HTTP client: one Reactor Netty connection pool shared by all sections (one pool per
 * remote address inside it), deliberately bounded, never the unbounded default.
 *
 * @param maxConnections connections per backend address
 * @param pendingAcquireMaxCount requests allowed to wait for a pooled connection, per backend
 * @param pendingAcquireTimeout how long a request may wait for a pooled connection
 * @param maxIdleTime idle connections are closed after this; keep it below the backends' keep-alive
 *     timeout (Jetty 30 s, nginx 75 s) so we never write into a connection the server is closing
 * @param maxLifeTime connections are recycled after this, so DNS/load-balancer changes are picked up
 * @param connectTimeout TCP connect timeout
 * @param maxResponseSize bodies larger than this are refused as {@code BAD_RESPONSE}
 * @param requestMetrics whether Reactor Netty also times every backend request
 *     ({@code reactor.netty.http.client.*}: connect, send, receive, response time); off by default
 *     because it cost about 10% CPU per dashboard in benchmarks, and per-call timings are already in
 *     the Resilience4j meters. The pool's gauges ({@code reactor.netty.connection.provider.*}) are
 *     always on.
 */
public record ClientProperties(
        @DefaultValue("512") @Min(1) int maxConnections,
        @DefaultValue("2048") @Min(1) int pendingAcquireMaxCount,
        @DefaultValue("250ms") @NotNull @DurationMin(millis = 1) Duration pendingAcquireTimeout,
        @DefaultValue("20s") @NotNull @DurationMin(millis = 1) Duration maxIdleTime,
        @DefaultValue("5m") @NotNull @DurationMin(millis = 1) Duration maxLifeTime,
        @DefaultValue("250ms") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
        @DefaultValue("256KB") @NotNull DataSize maxResponseSize,
        @DefaultValue("false") boolean requestMetrics) {

    /** The client's settings as the core takes them. */
    public BackendClient.Settings toSettings() {
        return new BackendClient.Settings(maxConnections, pendingAcquireMaxCount, pendingAcquireTimeout, maxIdleTime,
                maxLifeTime, connectTimeout, maxResponseSize.toBytes(), requestMetrics);
    }
}

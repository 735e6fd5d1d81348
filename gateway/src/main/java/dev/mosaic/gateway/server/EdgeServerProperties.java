package dev.mosaic.gateway.server;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the public HTTP server against slow and greedy clients, bound from
 * {@code mosaic.gateway.server.*}. The idle timeout is Boot's own {@code server.netty.idle-timeout}
 * (30 s here): it also bounds a request whose headers never finish, since Reactor Netty removes it only
 * once a request's headers have been read.
 *
 * @param requestTimeout the longest a request's body may take to arrive once its headers are read; then
 *                       the connection is closed (a body that stops, a trickle)
 * @param maxConnections connections the server holds at once; one more is accepted and closed at once
 *                       (the client sees the connection closed, never a hang), so thousands of idle or
 *                       slow connections cannot exhaust memory or file descriptors
 */
@Validated
@ConfigurationProperties("mosaic.gateway.server")
public record EdgeServerProperties(
        @NotNull @DefaultValue("30s") Duration requestTimeout,
        @Min(1) @DefaultValue("10000") int maxConnections) {
}

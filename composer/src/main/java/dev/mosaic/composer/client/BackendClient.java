package dev.mosaic.composer.client;

import java.net.URI;

import dev.mosaic.composer.config.ClientProperties;
import dev.mosaic.composer.section.BadResponseException;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * GETs backend JSON bodies as bytes over one bounded Reactor Netty pool. A 2xx answer yields its
 * body (at most {@code max-response-size}, else a {@code DataBufferLimitException}); any other
 * status yields an {@link UpstreamStatusException} without reading the body.
 *
 * <p>Observed: every exchange (so every retry attempt) is an observation, hence a child span of the
 * request's and its own W3C {@code traceparent}; the pool publishes Reactor Netty's gauges
 * ({@code reactor.netty.connection.provider.*}) and, with {@code request-metrics}, the client its
 * timers ({@code reactor.netty.http.client.*}) with the {@code uri} tag cut to the path's first
 * segment ({@code /users}, never {@code /users/u-42}).
 */
public final class BackendClient {

    private final WebClient webClient;
    private final ConnectionProvider connectionProvider;

    private BackendClient(WebClient webClient, ConnectionProvider connectionProvider) {
        this.webClient = webClient;
        this.connectionProvider = connectionProvider;
    }

    /** A client with its own connection pool, sized by {@code properties}. */
    public static BackendClient create(ClientProperties properties, ObservationRegistry observations) {
        ConnectionProvider provider = ConnectionProvider.builder("mosaic-backends")
                .maxConnections(properties.maxConnections())
                .pendingAcquireMaxCount(properties.pendingAcquireMaxCount())
                .pendingAcquireTimeout(properties.pendingAcquireTimeout())
                .maxIdleTime(properties.maxIdleTime())
                .maxLifeTime(properties.maxLifeTime())
                .evictInBackground(properties.maxIdleTime())
                .metrics(true)
                .build();
        HttpClient httpClient = HttpClient.create(provider)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .keepAlive(true);
        if (properties.requestMetrics()) {
            httpClient = httpClient.metrics(true, BackendClient::uriTag);
        }
        WebClient webClient = WebClient.builder()
                .observationRegistry(observations)
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .codecs(codecs -> codecs.defaultCodecs()
                        .maxInMemorySize((int) properties.maxResponseSize().toBytes()))
                .build();
        return new BackendClient(webClient, provider);
    }

    /** The first segment of a request path: a bounded tag value whatever ids the path holds. */
    static String uriTag(String uri) {
        int start = uri.startsWith("/") ? 1 : 0;
        int end = start;
        while (end < uri.length() && uri.charAt(end) != '/' && uri.charAt(end) != '?') {
            end++;
        }
        return "/" + uri.substring(start, end);
    }

    /** The body of a 2xx answer to {@code GET uri}. */
    public Mono<byte[]> get(URI uri, ForwardedHeaders forwarded) {
        return webClient.get()
                .uri(uri)
                .accept(MediaType.APPLICATION_JSON)
                .headers(forwarded::applyTo)
                .exchangeToMono(BackendClient::body);
    }

    private static Mono<byte[]> body(ClientResponse response) {
        int status = response.statusCode().value();
        if (status >= 200 && status < 300) {
            return response.bodyToMono(byte[].class)
                    .switchIfEmpty(Mono.error(() -> new BadResponseException("empty body")));
        }
        return response.releaseBody().then(Mono.error(() -> new UpstreamStatusException(status)));
    }

    /** Closes the pool's connections. */
    public void dispose() {
        connectionProvider.dispose();
    }
}

package dev.mosaic.composer.client;

import java.net.URI;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;

import dev.mosaic.composer.client.BackendCallException.Kind;
import dev.mosaic.composer.client.BackendClient.Settings;
import dev.mosaic.composer.tracing.AttemptSpan;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.http.client.HttpClient;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;
import reactor.netty.resources.ConnectionProvider;

/**
 * The {@link BackendClient} on Reactor Netty: GETs backend JSON bodies as bytes over one bounded Reactor Netty pool. A 2xx answer yields its
 * body (at most {@code max-response-size}); any other status yields a {@link BackendCallException}
 * of kind {@code STATUS} without reading the body, and every transport failure (Netty, the pool,
 * Spring's codecs) a {@link BackendCallException} of its {@link BackendCallException.Kind kind}.
 *
 * <p>Traced without an {@code Observation}: every exchange (so every retry attempt and hedge) sends its
 * own W3C {@code traceparent} from {@link ForwardedHeaders#attempt}, a recorded child span of the
 * request's when the request is sampled; the pool publishes Reactor Netty's gauges
 * ({@code reactor.netty.connection.provider.*}) and, with {@code request-metrics}, the client its
 * timers ({@code reactor.netty.http.client.*}) with the {@code uri} tag cut to the path's first
 * segment ({@code /users}, never {@code /users/u-42}).
 */
final class ReactorNettyBackendClient implements BackendClient {

    private final WebClient webClient;
    private final ConnectionProvider connectionProvider;

    private ReactorNettyBackendClient(WebClient webClient, ConnectionProvider connectionProvider) {
        this.webClient = webClient;
        this.connectionProvider = connectionProvider;
    }

    static BackendClient create(Settings properties) {
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
                // the attempt's timeout starts once a connection is ours and the request goes out
                .doOnRequest((request, connection) -> RequestSent.mark(request.currentContextView()))
                .keepAlive(true);
        if (properties.requestMetrics()) {
            httpClient = httpClient.metrics(true, ReactorNettyBackendClient::uriTag);
        }
        WebClient webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .codecs(codecs -> codecs.defaultCodecs()
                        .maxInMemorySize((int) properties.maxResponseSize()))
                .build();
        return new ReactorNettyBackendClient(webClient, provider);
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

    @Override
    public Mono<byte[]> get(URI uri, ForwardedHeaders forwarded) {
        return Mono.defer(() -> {
            AttemptSpan attempt = forwarded.attempt(uri);
            Mono<byte[]> call = webClient.get()
                    .uri(uri)
                    .accept(MediaType.APPLICATION_JSON)
                    .headers(headers -> forwarded.applyTo(headers, attempt))
                    .exchangeToMono(response -> body(response, attempt))
                    .onErrorMap(e -> !(e instanceof BackendCallException), ReactorNettyBackendClient::translate);
            if (!attempt.recorded()) {
                return call;
            }
            Throwable[] failure = new Throwable[1];
            return call.doOnError(e -> failure[0] = e)
                    .doFinally(signal -> attempt.end(failure[0], signal == SignalType.CANCEL));
        });
    }

    private static Mono<byte[]> body(ClientResponse response, AttemptSpan attempt) {
        int status = response.statusCode().value();
        attempt.status(status);
        if (status >= 200 && status < 300) {
            return response.bodyToMono(byte[].class)
                    .switchIfEmpty(Mono.error(() -> BackendCallException.badBody("empty body")));
        }
        return response.releaseBody().then(Mono.error(() -> BackendCallException.status(status)));
    }

    /**
     * Our kind for a transport failure. Whatever is not recognised stays as it is (the policy then
     * treats it as an upstream error); Reactor Netty and Spring wrap causes, so the chain is walked.
     */
    static Throwable translate(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Kind kind = kindOf(t);
            if (kind != null) {
                return BackendCallException.of(kind, String.valueOf(t.getMessage()), failure);
            }
        }
        return failure;
    }

    private static Kind kindOf(Throwable t) {
        if (t instanceof PoolAcquireTimeoutException || t instanceof PoolAcquirePendingLimitException) {
            return Kind.POOL_SATURATED;
        }
        if (t instanceof DataBufferLimitException) {
            return Kind.BODY_TOO_LARGE;
        }
        if (t instanceof CodecException) {
            return Kind.BAD_BODY;
        }
        if (t instanceof ConnectException || t instanceof ConnectTimeoutException) {
            return Kind.CONNECT;
        }
        if (t instanceof IOException) {
            // PrematureCloseException, a reset, a broken pipe: the connection broke mid-call
            return Kind.CONNECTION_LOST;
        }
        return null;
    }

    @Override
    public void dispose() {
        connectionProvider.dispose();
    }
}

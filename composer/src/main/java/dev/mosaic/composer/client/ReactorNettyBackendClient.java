package dev.mosaic.composer.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Arrays;

import dev.mosaic.composer.client.BackendCallException.Kind;
import dev.mosaic.composer.client.BackendClient.Settings;
import dev.mosaic.composer.tracing.AttemptSpan;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.netty.ByteBufFlux;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;
import reactor.netty.resources.ConnectionProvider;

/**
 * The {@link BackendClient} on Reactor Netty: GETs backend JSON bodies as bytes over one bounded Reactor
 * Netty pool, on Reactor Netty's {@code HttpClient} itself (no {@code WebClient}: its request and
 * response adapters, filter chain and codecs cost more per call than the call's own bytes; see
 * docs/benchmarks.md). A 2xx answer yields its body (at most {@code max-response-size}: a longer
 * {@code Content-Length} is refused before the body is read, a longer chunked body as soon as it grows
 * past it); any other status yields a {@link BackendCallException} of kind {@code STATUS}, its body
 * read and dropped so that the connection goes back to the pool; every transport failure (Netty, the
 * pool) a {@link BackendCallException} of its {@link BackendCallException.Kind kind}.
 *
 * <p>Traced without an {@code Observation}: every exchange (so every retry attempt and hedge) sends its
 * own W3C {@code traceparent} from {@link ForwardedHeaders#attempt}, a recorded child span of the
 * request's when the request is sampled; the pool publishes Reactor Netty's gauges
 * ({@code reactor.netty.connection.provider.*}) and, with {@code request-metrics}, the client its
 * timers ({@code reactor.netty.http.client.*}) with the {@code uri} tag cut to the path's first
 * segment ({@code /users}, never {@code /users/u-42}).
 */
final class ReactorNettyBackendClient implements BackendClient {

    private final HttpClient httpClient;
    private final ConnectionProvider connectionProvider;
    private final int maxResponseSize;

    private ReactorNettyBackendClient(HttpClient httpClient, ConnectionProvider connectionProvider,
            int maxResponseSize) {
        this.httpClient = httpClient;
        this.connectionProvider = connectionProvider;
        this.maxResponseSize = maxResponseSize;
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
        int maxResponseSize = (int) Math.min(Integer.MAX_VALUE - 8, properties.maxResponseSize());
        return new ReactorNettyBackendClient(httpClient, provider, maxResponseSize);
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
            Mono<byte[]> call = httpClient.request(HttpMethod.GET)
                    .uri(uri)
                    .send((request, outbound) -> {
                        request.header(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON);
                        forwarded.applyTo(request.requestHeaders(), attempt);
                        return Mono.empty();
                    })
                    .responseConnection((response, connection) -> body(response, connection, attempt))
                    .next()
                    .onErrorMap(e -> !(e instanceof BackendCallException), ReactorNettyBackendClient::translate);
            if (!attempt.recorded()) {
                return call;
            }
            Throwable[] failure = new Throwable[1];
            return call.doOnError(e -> failure[0] = e)
                    .doFinally(signal -> attempt.end(failure[0], signal == SignalType.CANCEL));
        });
    }

    private Mono<byte[]> body(HttpClientResponse response, Connection connection, AttemptSpan attempt) {
        int status = response.status().code();
        attempt.status(status);
        ByteBufFlux content = connection.inbound().receive();
        if (status < 200 || status >= 300) {
            // read and drop the body: the connection then goes back to the pool
            return content.then(Mono.error(() -> BackendCallException.status(status)));
        }
        long declared = response.responseHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
        if (declared > maxResponseSize) {
            // refused unread: the connection is closed rather than drained of megabytes (or pooled unread)
            connection.dispose();
            return Mono.error(tooLarge());
        }
        return content
                .collect(() -> new Body(declared, connection), Body::add)
                .handle((body, sink) -> {
                    if (body.size == 0) {
                        sink.error(BackendCallException.badBody("empty body"));
                    } else {
                        sink.next(body.bytes());
                    }
                });
    }

    private BackendCallException tooLarge() {
        return BackendCallException.of(Kind.BODY_TOO_LARGE, "the body is larger than " + maxResponseSize + " bytes",
                null);
    }

    /** A body's bytes as they arrive, never more than the maximum. */
    private final class Body {

        private final Connection connection;
        private byte[] bytes;
        private int size;

        Body(long declared, Connection connection) {
            this.connection = connection;
            bytes = new byte[declared > 0 ? (int) declared : Math.min(maxResponseSize, 1024)];
        }

        void add(ByteBuf chunk) {
            int n = chunk.readableBytes();
            if (n > maxResponseSize - size) {
                // the rest is not read: the connection is closed, never pooled with a body half read
                connection.dispose();
                throw tooLarge();
            }
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(maxResponseSize, Math.max(size + n, 2L * bytes.length)));
            }
            chunk.readBytes(bytes, size, n);
            size += n;
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
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

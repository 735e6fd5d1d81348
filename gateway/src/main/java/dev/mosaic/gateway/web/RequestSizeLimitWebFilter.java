package dev.mosaic.gateway.web;

import java.util.concurrent.atomic.AtomicLong;

import dev.mosaic.gateway.error.Problem;
import dev.mosaic.gateway.error.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds request bodies: a declared {@code Content-Length} over the limit is answered 413 before
 * anything else runs (no token check, no upstream call); a chunked body is counted as it streams and
 * fails with 413 as soon as it passes the limit.
 */
public final class RequestSizeLimitWebFilter implements WebFilter, Ordered {

    private final long maxBytes;
    private final ProblemWriter writer;

    public RequestSizeLimitWebFilter(DataSize max, ProblemWriter writer) {
        this.maxBytes = max.toBytes();
        this.writer = writer;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return writer.write(exchange, tooLarge());
        }
        if (declared >= 0 || !exchange.getRequest().getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            // Netty never delivers more than the declared length, and an HTTP/1.1 request with
            // neither Content-Length nor Transfer-Encoding has no body (RFC 9112, 6.3): nothing to
            // count, so the common GET goes through without a request decorator
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new DataBufferLimitException("Request body exceeds " + maxBytes + " bytes"));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private Problem tooLarge() {
        return Problem.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large",
                "The request body exceeds " + maxBytes + " bytes");
    }
}

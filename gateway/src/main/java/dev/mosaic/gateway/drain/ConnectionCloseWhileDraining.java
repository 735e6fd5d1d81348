package dev.mosaic.gateway.drain;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * While the instance drains ({@link GracefulDrain}), every answer carries {@code Connection: close}:
 * Reactor Netty then closes the connection once the answer is written, so a client that kept its
 * connection alive moves to another instance instead of sending its next request to one that is about
 * to stop accepting. Set when the answer commits, after the route or the error handler wrote its
 * headers, so a proxied answer gets it too. Outside a drain it costs one volatile read.
 */
public final class ConnectionCloseWhileDraining implements WebFilter, Ordered {

    private final GracefulDrain drain;

    public ConnectionCloseWhileDraining(GracefulDrain drain) {
        this.drain = drain;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (drain.draining()) {
            closeAfterAnswer(exchange);
        }
        return chain.filter(exchange);
    }

    private static void closeAfterAnswer(ServerWebExchange exchange) {
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(
                () -> exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close")));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

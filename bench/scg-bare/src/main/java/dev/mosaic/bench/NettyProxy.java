package dev.mosaic.bench;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The least a JVM reverse proxy on Reactor Netty can do: strip {@code /api}, forward the request
 * with its headers, stream the answer back. No routing table, no filters. The ceiling under every
 * Reactor Netty based gateway on this machine.
 */
public final class NettyProxy {

    private NettyProxy() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getProperty("bench.port", "18181"));
        String upstream = System.getProperty("bench.user-url", "http://127.0.0.1:19101");
        HttpClient client = HttpClient.create(ConnectionProvider.builder("bench").maxConnections(256).build())
                .baseUrl(upstream);
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(port)
                .handle((request, response) -> client
                        .headers(h -> h.add(request.requestHeaders()).remove(HttpHeaderNames.HOST))
                        .get()
                        .uri(request.uri().substring("/api".length()))
                        .response((upstreamResponse, body) -> response
                                .status(upstreamResponse.status())
                                .headers(upstreamResponse.responseHeaders())
                                .send(body.retain()))
                        .then())
                .bindNow();
        server.onDispose().block();
    }
}

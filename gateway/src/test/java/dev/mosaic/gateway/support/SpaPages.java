package dev.mosaic.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A tiny web server standing in for a single-page app's dev server, started once per JVM on a free
 * loopback port: it serves an empty HTML page at {@code /}, so that a real browser has a page of
 * that origin to run {@code fetch()} from. The same server is two origins: {@link #allowedOrigin()}
 * ({@code http://localhost:<port>}, which the shared test gateway allows) and
 * {@link #disallowedOrigin()} ({@code http://127.0.0.1:<port>}, which it does not).
 */
public final class SpaPages {

    private static final SpaPages SHARED = new SpaPages();

    private final HttpServer server;

    private SpaPages() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] page = "<!doctype html><html><head><title>spa</title></head><body>spa</body></html>"
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "spa-pages");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public static SpaPages shared() {
        return SHARED;
    }

    public String allowedOrigin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public String disallowedOrigin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}

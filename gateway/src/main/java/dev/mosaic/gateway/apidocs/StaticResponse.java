package dev.mosaic.gateway.apidocs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A fixed answer held in memory from start-up: its bytes, content type, strong {@code ETag} (a hash
 * of the bytes) and caching. Serving it reads nothing and computes nothing: a conditional request
 * with a matching {@code If-None-Match} gets a 304, anything else the bytes (HEAD: the headers only,
 * WebFlux drops the body).
 *
 * @param body          the bytes
 * @param contentType   their media type
 * @param etag          the quoted strong entity tag
 * @param cacheControl  the {@code Cache-Control} value
 * @param securityPolicy the {@code Content-Security-Policy} value, or null for none
 */
record StaticResponse(byte[] body, MediaType contentType, String etag, String cacheControl, String securityPolicy) {

    /** Revalidate every time (cheap: a 304 while the ETag holds). */
    static final String REVALIDATE = "no-cache";
    /** A file whose path carries its version never changes. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    static StaticResponse of(byte[] body, MediaType contentType, String cacheControl, String securityPolicy) {
        return new StaticResponse(body, contentType, etag(body), cacheControl, securityPolicy);
    }

    static StaticResponse of(String body, MediaType contentType, String cacheControl, String securityPolicy) {
        return of(body.getBytes(StandardCharsets.UTF_8), contentType, cacheControl, securityPolicy);
    }

    Mono<Void> write(ServerWebExchange exchange) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.setCacheControl(cacheControl);
        if (securityPolicy != null) {
            headers.set("Content-Security-Policy", securityPolicy);
        }
        if (exchange.checkNotModified(etag)) {
            return response.setComplete();
        }
        headers.setContentType(contentType);
        headers.setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

package dev.mosaic.gateway.error;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.mosaic.gateway.requestid.TraceContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Problem} as {@code application/problem+json} with {@code instance} (the request
 * path) and {@code traceId}, the one place every gateway-generated error body comes from.
 *
 * <p>Error answers are never cacheable ({@code Cache-Control: no-store}). Headers already set on
 * the response by an upstream are dropped first, so a half-built proxied answer never leaks into
 * the problem; the gateway's own CORS and challenge headers stay, and request id, trace id, rate
 * limit and security headers are (re-)applied at commit by their filters.
 */
public final class ProblemWriter {

    private final JsonMapper json;

    public ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** Writes the problem unless the response is already committed (then nothing can be done). */
    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        HttpHeaders headers = response.getHeaders();
        HttpHeaders kept = new HttpHeaders();
        headers.forEach((name, values) -> {
            if (keep(name)) {
                kept.addAll(name, values);
            }
        });
        headers.clear();
        headers.addAll(kept);

        response.setStatusCode(problem.status());
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.setCacheControl("no-store");
        if (problem.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
        }
        byte[] body = json.writeValueAsBytes(body(exchange, problem));
        headers.setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    private static Map<String, Object> body(ServerWebExchange exchange, Problem problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type().toString());
        body.put("title", problem.title());
        body.put("status", problem.status().value());
        body.put("detail", problem.detail());
        body.put("instance", exchange.getRequest().getPath().value());
        body.put("traceId", TraceContext.of(exchange).traceId());
        return body;
    }

    /**
     * Headers the gateway itself set for this answer: CORS (without them a browser could not read
     * the problem), {@code Vary}, the challenge, {@code Allow}. Anything else (typically headers
     * copied from an upstream answer that is being replaced) goes.
     */
    private static boolean keep(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("access-control-") || lower.equals("vary") || lower.equals("allow")
                || lower.equals("www-authenticate");
    }
}

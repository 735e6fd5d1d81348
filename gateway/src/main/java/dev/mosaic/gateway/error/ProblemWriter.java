package dev.mosaic.gateway.error;

import java.util.LinkedHashMap;
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
 * the response (by the upstream, say) are dropped first, so a half-built proxied answer never leaks
 * into the problem; request id and trace id headers are re-applied at commit by
 * {@code RequestIdWebFilter}.
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
        String allow = headers.getFirst(HttpHeaders.ALLOW);
        String authenticate = headers.getFirst(HttpHeaders.WWW_AUTHENTICATE);
        String remaining = headers.getFirst("X-RateLimit-Remaining");
        headers.clear();
        restore(headers, HttpHeaders.ALLOW, allow);
        restore(headers, HttpHeaders.WWW_AUTHENTICATE, authenticate);
        restore(headers, "X-RateLimit-Remaining", remaining);

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

    private static void restore(HttpHeaders headers, String name, String value) {
        if (value != null) {
            headers.set(name, value);
        }
    }
}

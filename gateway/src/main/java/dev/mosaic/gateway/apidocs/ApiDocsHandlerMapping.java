package dev.mosaic.gateway.apidocs;

import java.util.HashMap;
import java.util.Map;

import dev.mosaic.gateway.error.Problem;
import dev.mosaic.gateway.error.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * Serves the API description, {@code GET /openapi.json} and {@code GET /docs} with exactly the files
 * the page needs, from memory: an exact-path lookup, reached only when no gateway route matched
 * (just before the 404 of {@code NoRouteHandlerMapping}), so it costs proxied requests nothing.
 * Other methods on these paths are a 405 problem. Nothing here goes to a backend.
 */
final class ApiDocsHandlerMapping extends AbstractHandlerMapping {

    private static final String ALLOWED = "GET, HEAD";
    private static final Problem METHOD_NOT_ALLOWED = Problem.of(HttpStatus.METHOD_NOT_ALLOWED,
            "method-not-allowed", "This path answers GET and HEAD only");

    private final Map<String, WebHandler> handlers;

    ApiDocsHandlerMapping(Map<String, StaticResponse> responses, ProblemWriter writer) {
        Map<String, WebHandler> handlers = new HashMap<>();
        responses.forEach((path, response) -> handlers.put(path, handler(response, writer)));
        this.handlers = Map.copyOf(handlers);
        // after Spring Cloud Gateway's route mapping (order 1), before the last one (the 404 problem)
        setOrder(Ordered.LOWEST_PRECEDENCE - 1);
    }

    @Override
    protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
        WebHandler handler = handlers.get(exchange.getRequest().getPath().pathWithinApplication().value());
        return handler == null ? Mono.empty() : Mono.just(handler);
    }

    private static WebHandler handler(StaticResponse response, ProblemWriter writer) {
        return exchange -> {
            HttpMethod method = exchange.getRequest().getMethod();
            if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
                return response.write(exchange);
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, ALLOWED);
            return writer.write(exchange, METHOD_NOT_ALLOWED);
        };
    }
}

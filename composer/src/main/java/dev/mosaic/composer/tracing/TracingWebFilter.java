package dev.mosaic.composer.tracing;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * First of all filters: gives the request its {@link RequestTrace} (exchange attribute
 * {@link RequestTrace#ATTRIBUTE}) and, for a sampled request, ends its server span when the answer
 * is done. Requests under {@code skipPrefix} (the actuator's, on the management port) are not traced.
 */
public final class TracingWebFilter implements WebFilter, Ordered {

    private final RequestTracing tracing;
    private final String skipPrefix;

    public TracingWebFilter(RequestTracing tracing, String skipPrefix) {
        this.tracing = tracing;
        this.skipPrefix = skipPrefix;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getPath().value().startsWith(skipPrefix)) {
            return chain.filter(exchange);
        }
        String method = request.getMethod().name();
        RequestTrace trace = tracing.start(method, request.getHeaders().getFirst(TraceParent.HEADER));
        exchange.getAttributes().put(RequestTrace.ATTRIBUTE, trace);
        if (!trace.recorded()) {
            return chain.filter(exchange);
        }
        Throwable[] failure = new Throwable[1];
        return chain.filter(exchange)
                .doOnError(e -> failure[0] = e)
                .doFinally(signal -> {
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    trace.end(method, route(exchange), status == null ? 0 : status.value(), failure[0],
                            signal == SignalType.CANCEL);
                });
    }

    private static String route(ServerWebExchange exchange) {
        Object pattern = exchange.getAttribute(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE);
        return pattern instanceof PathPattern path ? path.getPatternString() : null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}

package dev.mosaic.gateway.requestid;

import java.util.regex.Pattern;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * First filter of every exchange: settles the request id and the trace context.
 *
 * <p>An incoming {@code X-Request-Id} is kept when it is at most 64 characters of
 * {@code [A-Za-z0-9._-]}; otherwise (absent, too long, or carrying anything that could break a log
 * line or a header) a new one replaces it and the bad value is never echoed. The id and the
 * {@code traceparent} go downstream; {@code X-Request-Id} and {@code X-Trace-Id} come back on every
 * response, error responses included (they are re-applied just before commit, after any error
 * handler has reset the headers). The trace is {@link EdgeTracing}'s ({@link TraceContext}: the
 * caller's trace continued with the gateway's span id, or a new one; with propagation off the caller's
 * {@code traceparent} passed on unchanged); the request id also rides in the Reactor context under
 * {@link #ATTRIBUTE}, the trace under {@link TraceContext#ATTRIBUTE}.
 */
public final class RequestIdWebFilter implements WebFilter, Ordered {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String TRACE_ID = "X-Trace-Id";
    /** Exchange attribute holding the settled request id. */
    public static final String ATTRIBUTE = RequestIdWebFilter.class.getName() + ".requestId";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final EdgeTracing tracing;

    public RequestIdWebFilter(EdgeTracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders incoming = exchange.getRequest().getHeaders();
        String requestId = accept(incoming.getFirst(REQUEST_ID));
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        TraceContext trace = exchange.getAttribute(TraceContext.ATTRIBUTE);
        if (trace == null) {
            trace = tracing.start(exchange.getRequest().getMethod().name(), incoming.getFirst(TraceContext.TRACEPARENT));
            exchange.getAttributes().put(TraceContext.ATTRIBUTE, trace);
        }
        String traceparent = trace.traceparent();
        String traceId = trace.traceId();

        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(h -> {
                    h.set(REQUEST_ID, requestId);
                    h.set(TraceContext.TRACEPARENT, traceparent);
                })
                .build();
        ServerWebExchange mutated = exchange.mutate().request(request).build();
        mutated.getResponse().beforeCommit(() -> {
            HttpHeaders headers = mutated.getResponse().getHeaders();
            headers.set(REQUEST_ID, requestId);
            headers.set(TRACE_ID, traceId);
            return Mono.empty();
        });
        return chain.filter(mutated).contextWrite(Context.of(ATTRIBUTE, requestId, TraceContext.ATTRIBUTE, trace));
    }

    /** The incoming id when it is safe to log and echo, else a generated one. */
    public static String accept(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches() ? candidate : TraceContext.randomHex(2);
    }

    /** The exchange's request id (generated if the filter did not run). */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id : accept(null);
    }
}

package dev.mosaic.gateway.error;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import dev.mosaic.gateway.requestid.TraceContext;
import dev.mosaic.gateway.resilience.IncompleteRequestException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

/**
 * Turns every exception that reaches the web layer into a problem+json answer: no Whitelabel page,
 * no stack trace, no exception message in the body.
 *
 * <p>Upstream trouble is classified by what the caller can do about it: an open circuit, a full
 * bulkhead or an unreachable upstream is a 503 with {@code Retry-After}; a slow upstream is a 504; an
 * upstream 5xx counted by the circuit breaker keeps its status. Anything unexpected is a 500, logged
 * with the trace id so that it can be found.
 */
public final class ProblemErrorWebExceptionHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);

    private static final String REQUEST_TIMEOUT_EXCEPTION = "reactor.netty.http.server.RequestTimeoutException";
    /** The message of Reactor Netty's {@code AbortedException} for an upstream connection closed before sending. */
    private static final String CLOSED_BEFORE_SEND = AbortedException.beforeSend().getMessage();

    private final ProblemWriter writer;
    private final Duration circuitOpenWait;

    public ProblemErrorWebExceptionHandler(ProblemWriter writer, Duration circuitOpenWait) {
        this.writer = writer;
        this.circuitOpenWait = circuitOpenWait;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            exchange.getResponse().getHeaders().setAllow(notAllowed.getSupportedMethods());
        }
        return writer.write(exchange, classify(exchange, error));
    }

    Problem classify(ServerWebExchange exchange, Throwable error) {
        String route = routeId(exchange);
        if (error instanceof IncompleteRequestException incomplete) {
            return incomplete.tooLarge()
                    ? Problem.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "The request body is too large")
                    : Problem.of(HttpStatus.REQUEST_TIMEOUT, "request-timeout",
                            "The request body did not arrive in time");
        }
        if (isRequestTimeout(error)) {
            return Problem.of(HttpStatus.REQUEST_TIMEOUT, "request-timeout", "The request body did not arrive in time");
        }
        if (error instanceof AbortedException aborted
                && !CLOSED_BEFORE_SEND.equals(aborted.getMessage())) {
            // the client closed its connection while its request was read: nobody will read this answer,
            // but the access log says 499 and nothing is logged as an error of ours
            return Problem.of(HttpStatusCode.valueOf(499), "client-closed-request", "The client closed the connection");
        }
        if (error instanceof CallNotPermittedException || error instanceof ServiceUnavailableException) {
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "circuit-open",
                    "The " + route + " upstream is failing; its circuit is open").retryAfter(circuitOpenWait);
        }
        if (error instanceof BulkheadFullException) {
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "upstream-saturated",
                    "Too many concurrent calls to the " + route + " upstream").retryAfter(Duration.ofSeconds(1));
        }
        if (hasCause(error, PoolAcquireTimeoutException.class) || hasCause(error, PoolAcquirePendingLimitException.class)) {
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "upstream-saturated",
                    "No connection to the " + route + " upstream became free in time").retryAfter(Duration.ofSeconds(1));
        }
        if (hasCause(error, ConnectException.class)) {
            return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable",
                    "The " + route + " upstream could not be reached").retryAfter(Duration.ofSeconds(1));
        }
        if (error instanceof TimeoutException
                || error instanceof org.springframework.cloud.gateway.support.TimeoutException) {
            return Problem.of(HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout",
                    "The " + route + " upstream did not answer in time");
        }
        if (error instanceof HttpStatusCodeException upstream) {
            return Problem.of(upstream.getStatusCode(), "upstream-error",
                    "The " + route + " upstream answered " + upstream.getStatusCode().value());
        }
        if (hasCause(error, DataBufferLimitException.class)) {
            return Problem.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "The request body is too large");
        }
        if (error instanceof ResponseStatusException status) {
            return fromStatus(status.getStatusCode(), route);
        }
        if (hasCause(error, IOException.class)) {
            return Problem.of(HttpStatus.BAD_GATEWAY, "upstream-error",
                    "The connection to the " + route + " upstream failed");
        }
        log.error("Unexpected error on {} {} [traceId={}]", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), TraceContext.of(exchange).traceId(), error);
        return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The gateway failed to handle the request");
    }

    private static Problem fromStatus(HttpStatusCode status, String route) {
        return switch (status.value()) {
            case 404 -> Problem.of(status, "not-found", "No route matches this path");
            case 405 -> Problem.of(status, "method-not-allowed", "This method is not allowed on this path");
            case 413 -> Problem.of(status, "request-too-large", "The request body is too large");
            case 415 -> Problem.of(status, "unsupported-media-type", "This content type is not supported");
            case 503 -> Problem.of(status, "upstream-unavailable", "The " + route + " upstream is unavailable")
                    .retryAfter(Duration.ofSeconds(1));
            case 504 -> Problem.of(status, "upstream-timeout", "The " + route + " upstream did not answer in time");
            default -> Problem.of(status, status.is4xxClientError() ? "bad-request" : "upstream-error",
                    status.is4xxClientError() ? "The request was rejected" : "The request failed");
        };
    }

    /**
     * The server's own request timeout (Reactor Netty's {@code RequestTimeoutException}, not public)
     * while the body was being read before routing: the client's slowness.
     */
    private static boolean isRequestTimeout(Throwable error) {
        return REQUEST_TIMEOUT_EXCEPTION.equals(error.getClass().getName());
    }

    private static String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route != null ? route.getId() : "upstream";
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

}

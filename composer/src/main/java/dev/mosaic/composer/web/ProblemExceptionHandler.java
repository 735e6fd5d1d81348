package dev.mosaic.composer.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every error that escapes a handler (unknown path, wrong method, unexpected failure) into
 * problem+json, ahead of Spring Boot's default error handler (order -1), so that no client ever
 * sees an HTML page or a stack trace.
 */
@Component
@Order(-2)
public final class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final JsonMapper jsonMapper;

    public ProblemExceptionHandler(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatusCode status = ex instanceof ResponseStatusException rse ? rse.getStatusCode()
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String traceId = TraceIds.of(exchange);
        String detail;
        if (status.is5xxServerError()) {
            log.error("Unhandled error for {} (traceId {})", exchange.getRequest().getPath(), traceId, ex);
            detail = "The composer could not handle this request.";
        } else {
            detail = status.value() == 404 || rse(ex) == null || rse(ex).getReason() == null
                    ? "No resource for " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath()
                    : rse(ex).getReason();
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known != null ? known.getReasonPhrase() : "Error";
        Problem problem = Problem.of(slug(status.value()), title, status.value(), detail,
                exchange.getRequest().getPath().value(), traceId);
        byte[] body = jsonMapper.writeValueAsBytes(problem);
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.set(CompositionHandler.TRACE_ID_HEADER, traceId);
        if (ex instanceof MethodNotAllowedException mna) {
            headers.setAllow(mna.getSupportedMethods());
        }
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    private static ResponseStatusException rse(Throwable ex) {
        return ex instanceof ResponseStatusException rse ? rse : null;
    }

    private static String slug(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
    }
}

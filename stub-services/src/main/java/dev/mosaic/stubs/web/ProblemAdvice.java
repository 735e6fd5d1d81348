package dev.mosaic.stubs.web;

import java.net.URI;

import dev.mosaic.stubs.backend.BackendStartException;
import dev.mosaic.stubs.chaos.InvalidChaosSettingsException;
import dev.mosaic.stubs.identity.InvalidTokenRequestException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Turns the control plane's errors into RFC 9457 {@code application/problem+json} answers
 * ({@code type, title, status, detail, instance, traceId}); never a stack trace. Spring's own
 * errors (an unknown path, a wrong method) get the same shape, {@code traceId} included.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    static final String TYPE_PREFIX = "urn:mosaic:problem:";

    @ExceptionHandler(InvalidChaosSettingsException.class)
    ResponseEntity<ProblemDetail> invalidChaos(InvalidChaosSettingsException e, ServerWebExchange exchange) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-chaos-settings", "Invalid chaos settings",
                e.getMessage() + "; nothing was changed", exchange);
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(MalformedJsonException.class)
    ResponseEntity<ProblemDetail> malformedJson(MalformedJsonException e, ServerWebExchange exchange) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                e.getMessage() + "; nothing was changed", exchange));
    }

    @ExceptionHandler(InvalidTokenRequestException.class)
    ResponseEntity<ProblemDetail> invalidToken(InvalidTokenRequestException e, ServerWebExchange exchange) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "invalid-token-request",
                "Invalid token request", e.getMessage(), exchange));
    }

    @ExceptionHandler(UnknownServiceException.class)
    ResponseEntity<ProblemDetail> unknownService(UnknownServiceException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "unknown-service",
                "Unknown service", e.getMessage(), exchange));
    }

    @ExceptionHandler(UnknownInstanceException.class)
    ResponseEntity<ProblemDetail> unknownInstance(UnknownInstanceException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "unknown-instance",
                "Unknown instance", e.getMessage(), exchange));
    }

    @ExceptionHandler(JournalDisabledException.class)
    ResponseEntity<ProblemDetail> journalDisabled(JournalDisabledException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem(HttpStatus.NOT_FOUND, "journal-disabled",
                "No request journal", e.getMessage(), exchange));
    }

    @ExceptionHandler(BackendStartException.class)
    ResponseEntity<ProblemDetail> backendStart(BackendStartException e, ServerWebExchange exchange) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem(HttpStatus.SERVICE_UNAVAILABLE,
                "backend-start-failed", "Backend could not be started", e.getMessage(), exchange));
    }

    /** Spring's own errors (404, 405, 415, ...): the instance and trace id every problem here has. */
    @Override
    protected Mono<ResponseEntity<Object>> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                                ServerWebExchange exchange) {
        if (body instanceof ProblemDetail problem) {
            problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
            problem.setProperty("traceId", TraceIds.of(exchange));
        }
        return super.createResponseEntity(body, headers, status, exchange);
    }

    static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail,
                                 ServerWebExchange exchange) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + type));
        problem.setTitle(title);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        problem.setProperty("traceId", TraceIds.of(exchange));
        return problem;
    }
}

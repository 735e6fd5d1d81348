package dev.mosaic.composer.web;

import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Builds problem+json responses for the dashboard handler. */
@Component
final class ProblemResponses {

    private final JsonMapper jsonMapper;

    ProblemResponses(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    Mono<ServerResponse> respond(Problem problem, Consumer<HttpHeaders> headers) {
        return ServerResponse.status(problem.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(CompositionHandler.TRACE_ID_HEADER, problem.traceId())
                .headers(headers)
                .bodyValue(jsonMapper.writeValueAsBytes(problem));
    }

    Mono<ServerResponse> badRequest(String slug, String detail, String instance, String traceId) {
        return respond(Problem.of(slug, "Bad Request", 400, detail, instance, traceId), h -> { });
    }
}

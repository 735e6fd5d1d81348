package dev.mosaic.composer.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.mosaic.composer.client.ForwardedHeaders;
import dev.mosaic.composer.composition.CompositionEngine;
import dev.mosaic.composer.composition.CompositionRequest;
import dev.mosaic.composer.identity.Identity;
import dev.mosaic.composer.identity.IdentityProviderUnavailableException;
import dev.mosaic.composer.identity.InvalidTokenException;
import dev.mosaic.composer.identity.TokenVerifier;
import dev.mosaic.composer.resilience.ConcurrencyLimit;
import dev.mosaic.composer.resilience.ConcurrencyLimitExceededException;
import dev.mosaic.compositions.Composition;
import dev.mosaic.compositions.OwnerRule;
import dev.mosaic.compositions.ParameterMismatch;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET|HEAD <composition path>[?include=a,b]}: checks the caller's token (unless the
 * composition answers anonymous internal calls and none is sent), validates the path variables and
 * {@code include}, checks a path-variable owner before any backend call, composes, and leaves the HTTP
 * shape of the answer to {@link CompositionResponses}.
 */
@Component
public final class CompositionHandler {

    /** Response header carrying the request's trace id. */
    public static final String TRACE_ID_HEADER = "X-Trace-Id";

    private static final String BEARER = "Bearer ";

    private final CompositionResponses responses;
    private final ProblemResponses problems;
    private final TokenVerifier tokens;
    private final ConcurrencyLimit door;

    CompositionHandler(CompositionResponses responses, ProblemResponses problems, TokenVerifier tokens,
            ConcurrencyLimit door) {
        this.responses = responses;
        this.problems = problems;
        this.tokens = tokens;
        this.door = door;
    }

    /**
     * Handles a request for {@code engine}'s composition, if the door's concurrency limit admits it:
     * over the limit, 503 at once (the composer sheds at its own door rather than queueing).
     */
    public Mono<ServerResponse> handle(CompositionEngine engine, ServerRequest request) {
        return door.apply(Mono.defer(() -> admitted(engine, request)))
                .onErrorResume(ConcurrencyLimitExceededException.class, e -> problems.respond(
                        Problem.of("overloaded", "Service Unavailable", 503, "The composer is at its concurrency "
                                + "limit (" + e.limit() + " requests in flight); try again shortly.", request.path(),
                                TraceIds.of(request.exchange())),
                        h -> h.set(HttpHeaders.RETRY_AFTER, "1")));
    }

    private Mono<ServerResponse> admitted(CompositionEngine engine, ServerRequest request) {
        HttpHeaders headers = request.headers().asHttpHeaders();
        String traceId = TraceIds.of(request.exchange());
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        Composition composition = engine.composition();
        if (authorization == null) {
            if (!composition.anonymousInternal()) {
                return unauthorized("A bearer token is required.", request, traceId);
            }
            return compose(engine, request, null, traceId);
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized("Only bearer tokens are accepted.", request, traceId);
        }
        return tokens.verify(authorization.substring(BEARER.length()).trim())
                .flatMap(identity -> compose(engine, request, identity, traceId))
                .onErrorResume(InvalidTokenException.class, e -> unauthorized("The bearer token is not valid: "
                        + e.getMessage() + ".", request, traceId))
                .onErrorResume(IdentityProviderUnavailableException.class, e -> problems.respond(
                        Problem.of("identity-provider-unavailable", "Service Unavailable", 503,
                                "The identity provider's keys cannot be fetched; try again shortly.", request.path(),
                                traceId),
                        h -> h.set(HttpHeaders.RETRY_AFTER, "5")));
    }

    private Mono<ServerResponse> compose(CompositionEngine engine, ServerRequest request, Identity identity,
            String traceId) {
        Composition composition = engine.composition();
        String path = request.path();
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, Pattern> param : composition.params().entrySet()) {
            String name = param.getKey();
            String value = request.pathVariable(name);
            if (!param.getValue().matcher(value).matches()) {
                return problems.badRequest(ParameterMismatch.problemType(name),
                        ParameterMismatch.detail(name, param.getValue()), path, traceId);
            }
            params.put(name, value);
        }
        Set<String> include = engine.sectionNames();
        List<String> includeParams = request.queryParams().get("include");
        if (includeParams != null) {
            include = new LinkedHashSet<>();
            for (String param : includeParams) {
                for (String name : param.split(",", -1)) {
                    String trimmed = name.trim();
                    if (!engine.sectionNames().contains(trimmed)) {
                        return problems.badRequest("invalid-include", "include names unknown section '" + trimmed
                                + "'; known: " + String.join(",", engine.sectionNames()), path, traceId);
                    }
                    include.add(trimmed);
                }
            }
        }
        if (identity != null) {
            if (!identity.mayReadCompositions()) {
                return forbidden("The token lacks the scope " + Identity.READ_SCOPE + ".", path, traceId);
            }
            if (composition.owner() instanceof OwnerRule.PathVariable owner
                    && !identity.mayRead(params.get(owner.name()))) {
                return forbidden("This " + composition.name() + " belongs to someone else.", path, traceId);
            }
        }
        HttpHeaders headers = request.headers().asHttpHeaders();
        // each backend attempt sends its own traceparent, a child of this request's trace
        ForwardedHeaders forwarded = new ForwardedHeaders(TraceIds.trace(request.exchange()),
                headers.getFirst(ForwardedHeaders.REQUEST_ID));
        Duration timeout = null;
        String requested = headers.getFirst(ForwardedHeaders.TIMEOUT);
        if (requested != null) {
            timeout = ClientTimeout.parse(requested);
            if (timeout == null) {
                return problems.badRequest("invalid-timeout", ForwardedHeaders.TIMEOUT
                        + " must be a whole number of milliseconds from 1 to " + ClientTimeout.MAX_MILLIS
                        + "; it was '" + requested + "'", path, traceId);
            }
        }
        return engine.compose(new CompositionRequest(params, include, forwarded, identity, timeout))
                .flatMap(composed -> responses.render(composed, request, traceId));
    }

    /** Any other method on a composition path. */
    public Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
        String traceId = TraceIds.of(request.exchange());
        return problems.respond(Problem.of("method-not-allowed", "Method Not Allowed", 405,
                request.method() + " is not supported here; use GET", request.path(), traceId),
                // Set.of iterates in a per-JVM random order; the header reads GET,HEAD on every run
                h -> h.setAllow(new LinkedHashSet<>(List.of(HttpMethod.GET, HttpMethod.HEAD))));
    }

    private Mono<ServerResponse> unauthorized(String detail, ServerRequest request, String traceId) {
        return problems.respond(Problem.of("unauthorized", "Unauthorized", 401, detail, request.path(), traceId),
                h -> h.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }

    private Mono<ServerResponse> forbidden(String detail, String path, String traceId) {
        return problems.respond(Problem.of("forbidden", "Forbidden", 403, detail, path, traceId), h -> { });
    }
}

package dev.mosaic.composer.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.mosaic.composer.client.ForwardedHeaders;
import dev.mosaic.composer.dashboard.DashboardComposer;
import dev.mosaic.composer.dashboard.DashboardRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /dashboard/{userId}[?include=user,orders]}: validates the input, composes, and leaves
 * the HTTP shape of the answer to {@link DashboardResponses}.
 */
@Component
public final class DashboardHandler {

    /** Response header carrying the request's trace id. */
    public static final String TRACE_ID_HEADER = "X-Trace-Id";

    private static final int MAX_USER_ID_LENGTH = 64;

    private final DashboardComposer composer;
    private final DashboardResponses responses;
    private final ProblemResponses problems;
    private final Set<String> allSections;

    DashboardHandler(DashboardComposer composer, DashboardResponses responses, ProblemResponses problems) {
        this.composer = composer;
        this.responses = responses;
        this.problems = problems;
        this.allSections = Set.copyOf(composer.sectionNames());
    }

    /** Handles a dashboard request. */
    public Mono<ServerResponse> dashboard(ServerRequest request) {
        HttpHeaders headers = request.headers().asHttpHeaders();
        String traceId = TraceIds.of(request.exchange());
        String path = request.path();
        String userId = request.pathVariable("userId");
        if (!isValidUserId(userId)) {
            return problems.badRequest("invalid-user-id",
                    "userId must match ^[A-Za-z0-9_-]{1,64}$", path, traceId);
        }
        Set<String> include = allSections;
        List<String> includeParams = request.queryParams().get("include");
        if (includeParams != null) {
            include = new LinkedHashSet<>();
            for (String param : includeParams) {
                for (String name : param.split(",", -1)) {
                    String trimmed = name.trim();
                    if (!allSections.contains(trimmed)) {
                        return problems.badRequest("invalid-include",
                                "include names unknown section '" + trimmed + "'; known: "
                                        + String.join(",", composer.sectionNames()),
                                path, traceId);
                    }
                    include.add(trimmed);
                }
            }
        }
        // with tracing on, the backend client's observation replaces this traceparent by one naming
        // the attempt's own span; with tracing off the caller's context is passed through as it came
        String traceparent = headers.getFirst(ForwardedHeaders.TRACEPARENT);
        ForwardedHeaders forwarded = new ForwardedHeaders(
                TraceIds.isValidTraceparent(traceparent) ? traceparent : null,
                headers.getFirst(ForwardedHeaders.REQUEST_ID));
        return composer.compose(new DashboardRequest(userId, include, forwarded))
                .flatMap(dashboard -> responses.render(dashboard, request, traceId));
    }

    /** Any other method on a dashboard path. */
    public Mono<ServerResponse> methodNotAllowed(ServerRequest request) {
        String traceId = TraceIds.of(request.exchange());
        return problems.respond(Problem.of("method-not-allowed", "Method Not Allowed", 405,
                request.method() + " is not supported here; use GET", request.path(), traceId),
                h -> h.setAllow(Set.of(HttpMethod.GET)));
    }

    static boolean isValidUserId(String userId) {
        int length = userId.length();
        if (length < 1 || length > MAX_USER_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = userId.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

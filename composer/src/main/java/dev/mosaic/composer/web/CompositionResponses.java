package dev.mosaic.composer.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mosaic.composer.composition.Composed;
import dev.mosaic.composer.resilience.FailureReason;
import dev.mosaic.composer.section.SectionOutcome;
import dev.mosaic.composer.section.SectionPayload;
import dev.mosaic.composer.section.SectionStatus;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The HTTP shape of a composed answer (SPEC "Dashboard contract" and "Compositions"): body,
 * {@code ETag}/304, {@code X-Composition}, {@code X-Composition-Complete} (and for the dashboard
 * {@code X-Dashboard-Complete}), {@code X-Degraded-Sections}, {@code Server-Timing}, and the
 * 404/503/504 problem answers when a required section failed.
 */
@Component
final class CompositionResponses {

    static final String COMPLETE_HEADER = "X-Dashboard-Complete";
    static final String COMPOSITION_HEADER = "X-Composition";
    static final String COMPOSITION_COMPLETE_HEADER = "X-Composition-Complete";
    private static final String DASHBOARD = "dashboard";
    static final String DEGRADED_HEADER = "X-Degraded-Sections";
    static final String SERVER_TIMING_HEADER = "Server-Timing";
    private static final String CACHE_CONTROL = CacheControl.noCache().cachePrivate().getHeaderValue();

    /**
     * One entry of {@code sections} in a failed answer's problem (the 200 body is written by {@link CompositionJson}).
     *
     * @param status section status
     * @param source data source
     * @param reason why not OK, or absent
     * @param attempts backend calls made
     * @param latencyMs time spent
     * @param staleAgeMs age of stale data, or absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "status", "source", "reason", "attempts", "latencyMs", "staleAgeMs", "hedged" })
    record SectionMeta(String status, String source, String reason, int attempts, long latencyMs,
            Long staleAgeMs, Boolean hedged) {

        static SectionMeta of(SectionOutcome s) {
            return new SectionMeta(s.status().name(), s.source().name(),
                    s.reason() == null ? null : s.reason().name(), s.attempts(), s.latencyMs(), s.staleAgeMs(),
                    s.hedged() ? Boolean.TRUE : null);
        }
    }

    private final ProblemResponses problems;

    CompositionResponses(ProblemResponses problems) {
        this.problems = problems;
    }

    Mono<ServerResponse> render(Composed dashboard, ServerRequest request, String traceId) {
        boolean complete = dashboard.complete();
        boolean isDashboard = DASHBOARD.equals(dashboard.composition());
        String degraded = degradedSections(dashboard.sections());
        String serverTiming = serverTiming(dashboard.sections());
        SectionOutcome failed = dashboard.failedRequiredSection();
        if (failed != null) {
            Map<String, Object> meta = new LinkedHashMap<>();
            for (SectionOutcome s : dashboard.sections()) {
                meta.put(s.name(), SectionMeta.of(s));
            }
            return problems.respond(problemFor(failed, request.path(), traceId).withSections(meta),
                    headers -> {
                        dashboardHeaders(headers, dashboard.composition(), isDashboard, false, degraded, serverTiming);
                        if (failed.retryAfter() != null) {
                            headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds(failed.retryAfter()));
                        }
                    });
        }
        String etag = etag(dashboard);
        boolean notModified = ETags.matches(request.headers().asHttpHeaders().get(HttpHeaders.IF_NONE_MATCH), etag);
        PreparedResponse response = PreparedResponse.status(notModified ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
                .header(CompositionHandler.TRACE_ID_HEADER, traceId)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(COMPOSITION_HEADER, dashboard.composition())
                .header(COMPOSITION_COMPLETE_HEADER, complete ? "true" : "false")
                .header(COMPLETE_HEADER, isDashboard ? (complete ? "true" : "false") : null)
                .header(DEGRADED_HEADER, degraded)
                .header(SERVER_TIMING_HEADER, serverTiming);
        if (!notModified) {
            response.body(MediaType.APPLICATION_JSON_VALUE, CompositionJson.write(dashboard, complete));
        }
        return response.build();
    }

    private static Problem problemFor(SectionOutcome failed, String path, String traceId) {
        FailureReason reason = failed.reason();
        if (reason == FailureReason.NOT_FOUND) {
            return Problem.of(failed.name() + "-not-found", "Not Found", 404,
                    "The " + failed.name() + " service does not know this " + failed.name() + ".", path, traceId);
        }
        if (reason == FailureReason.DEADLINE_EXCEEDED) {
            return Problem.of("deadline-exceeded", "Gateway Timeout", 504,
                    "The required section '" + failed.name() + "' did not answer before the request deadline.",
                    path, traceId);
        }
        return Problem.of("section-unavailable", "Service Unavailable", 503,
                "The required section '" + failed.name() + "' is unavailable (" + reason + ").", path, traceId);
    }

    private static void dashboardHeaders(HttpHeaders headers, String composition, boolean isDashboard,
            boolean complete, String degraded, String serverTiming) {
        headers.set(COMPOSITION_HEADER, composition);
        headers.set(COMPOSITION_COMPLETE_HEADER, complete ? "true" : "false");
        if (isDashboard) {
            headers.set(COMPLETE_HEADER, complete ? "true" : "false");
        }
        if (degraded != null) {
            headers.set(DEGRADED_HEADER, degraded);
        }
        headers.set(SERVER_TIMING_HEADER, serverTiming);
    }

    private static String degradedSections(List<SectionOutcome> sections) {
        StringBuilder names = null;
        for (SectionOutcome s : sections) {
            if (s.degraded()) {
                names = names == null ? new StringBuilder() : names.append(',');
                names.append(s.name());
            }
        }
        return names == null ? null : names.toString();
    }

    private static String serverTiming(List<SectionOutcome> sections) {
        StringBuilder timing = new StringBuilder(96);
        for (SectionOutcome s : sections) {
            if (!timing.isEmpty()) {
                timing.append(", ");
            }
            timing.append(s.name()).append(";dur=").append(s.latencyMs());
            String desc = s.reason() != null ? s.reason().name()
                    : s.status() == SectionStatus.SKIPPED ? "SKIPPED" : null;
            if (desc != null) {
                timing.append(";desc=\"").append(desc).append('"');
            }
        }
        return timing.toString();
    }

    /**
     * A weak validator over what the client sees as content: the path variables, each section's status,
     * source and data. Timings and attempt counts change on every request, so they stay out; that
     * is what makes it weak (semantically equivalent, not byte-identical, representations).
     */
    private static String etag(Composed dashboard) {
        long hash = 0;
        for (String value : dashboard.params().values()) {
            // one variable (the dashboard's userId) hashes as before compositions
            hash = hash * 31 + value.hashCode();
        }
        for (SectionOutcome s : dashboard.sections()) {
            SectionPayload payload = s.payload();
            hash = hash * 0x9E3779B97F4A7C15L + s.status().ordinal() * 31L + s.source().ordinal();
            hash = hash * 0x9E3779B97F4A7C15L + (payload == null ? 0 : payload.contentHash());
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return "W/\"" + Long.toHexString(hash) + '"';
    }

    private static String retryAfterSeconds(Duration wait) {
        return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
    }
}

package dev.mosaic.composer.web;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.mosaic.composer.dashboard.Dashboard;
import dev.mosaic.composer.section.FailureReason;
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
 * The HTTP shape of a composed dashboard (SPEC "Dashboard contract"): body, {@code ETag}/304,
 * {@code X-Dashboard-Complete}, {@code X-Degraded-Sections}, {@code Server-Timing}, and the
 * 404/503/504 problem answers when the required section failed.
 */
@Component
final class DashboardResponses {

    static final String COMPLETE_HEADER = "X-Dashboard-Complete";
    static final String DEGRADED_HEADER = "X-Degraded-Sections";
    static final String SERVER_TIMING_HEADER = "Server-Timing";
    private static final String CACHE_CONTROL = CacheControl.noCache().cachePrivate().getHeaderValue();

    /**
     * One entry of {@code sections} in a failed dashboard's problem (the 200 body is written by {@link DashboardJson}).
     *
     * @param status section status
     * @param source data source
     * @param reason why not OK, or absent
     * @param attempts backend calls made
     * @param latencyMs time spent
     * @param staleAgeMs age of stale data, or absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "status", "source", "reason", "attempts", "latencyMs", "staleAgeMs" })
    record SectionMeta(String status, String source, String reason, int attempts, long latencyMs,
            Long staleAgeMs) {

        static SectionMeta of(SectionOutcome s) {
            return new SectionMeta(s.status().name(), s.source().name(),
                    s.reason() == null ? null : s.reason().name(), s.attempts(), s.latencyMs(), s.staleAgeMs());
        }
    }

    private final ProblemResponses problems;

    DashboardResponses(ProblemResponses problems) {
        this.problems = problems;
    }

    Mono<ServerResponse> render(Dashboard dashboard, ServerRequest request, String traceId) {
        boolean complete = dashboard.complete();
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
                        dashboardHeaders(headers, false, degraded, serverTiming);
                        if (failed.retryAfter() != null) {
                            headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds(failed.retryAfter()));
                        }
                    });
        }
        String etag = etag(dashboard);
        boolean notModified = ETags.matches(request.headers().asHttpHeaders().get(HttpHeaders.IF_NONE_MATCH), etag);
        PreparedResponse response = PreparedResponse.status(notModified ? HttpStatus.NOT_MODIFIED : HttpStatus.OK)
                .header(DashboardHandler.TRACE_ID_HEADER, traceId)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(COMPLETE_HEADER, complete ? "true" : "false")
                .header(DEGRADED_HEADER, degraded)
                .header(SERVER_TIMING_HEADER, serverTiming);
        if (!notModified) {
            response.body(MediaType.APPLICATION_JSON_VALUE, DashboardJson.write(dashboard, complete));
        }
        return response.build();
    }

    private static Problem problemFor(SectionOutcome failed, String path, String traceId) {
        FailureReason reason = failed.reason();
        if (reason == FailureReason.NOT_FOUND) {
            return Problem.of("user-not-found", "Not Found", 404,
                    "The " + failed.name() + " service does not know this user.", path, traceId);
        }
        if (reason == FailureReason.DEADLINE_EXCEEDED) {
            return Problem.of("deadline-exceeded", "Gateway Timeout", 504,
                    "The required section '" + failed.name() + "' did not answer before the request deadline.",
                    path, traceId);
        }
        return Problem.of("section-unavailable", "Service Unavailable", 503,
                "The required section '" + failed.name() + "' is unavailable (" + reason + ").", path, traceId);
    }

    private static void dashboardHeaders(HttpHeaders headers, boolean complete, String degraded,
            String serverTiming) {
        headers.set(COMPLETE_HEADER, complete ? "true" : "false");
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
     * A weak validator over what the client sees as content: the user id, each section's status,
     * source and data. Timings and attempt counts change on every request, so they stay out; that
     * is what makes it weak (semantically equivalent, not byte-identical, representations).
     */
    private static String etag(Dashboard dashboard) {
        long hash = dashboard.userId().hashCode();
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

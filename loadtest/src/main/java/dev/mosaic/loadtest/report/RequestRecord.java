package dev.mosaic.loadtest.report;

import java.util.Map;

/**
 * What one dashboard request through the gateway looked like, as the simulation saw it.
 *
 * @param startEpochMs     when the request was sent
 * @param latencyMs        time to the full response (or to the failure)
 * @param status           HTTP status, {@code 0} when no response came (timeout, connection error)
 * @param complete         the {@code X-Dashboard-Complete} header, {@code null} when absent
 * @param degradedSections the {@code X-Degraded-Sections} header, {@code null} when absent
 * @param reasons          {@code meta.sections.<name>.reason} per section that had one
 * @param contentType      the response's {@code Content-Type}, {@code null} when absent
 * @param retryAfter       the {@code Retry-After} header, {@code null} when absent
 */
public record RequestRecord(
        long startEpochMs,
        long latencyMs,
        int status,
        Boolean complete,
        String degradedSections,
        Map<String, String> reasons,
        String contentType,
        String retryAfter) {

    public RequestRecord {
        reasons = reasons == null ? Map.of() : Map.copyOf(reasons);
    }

    /** A 200 with every section live. */
    public static RequestRecord ok(long startEpochMs, long latencyMs) {
        return new RequestRecord(startEpochMs, latencyMs, 200, true, null, Map.of(), "application/json", null);
    }

    /** A 200 that names degraded sections and why. */
    public static RequestRecord degraded(long startEpochMs, long latencyMs, Map<String, String> reasons) {
        return new RequestRecord(startEpochMs, latencyMs, 200, false, String.join(",", reasons.keySet()), reasons,
                "application/json", null);
    }

    /** An error answer with a status and the given headers. */
    public static RequestRecord error(long startEpochMs, long latencyMs, int status, String contentType, String retryAfter) {
        return new RequestRecord(startEpochMs, latencyMs, status, null, null, Map.of(), contentType, retryAfter);
    }

    /** A 200: a dashboard was served, complete or degraded. */
    public boolean served() {
        return status == 200;
    }

    /** A 200 whose {@code X-Dashboard-Complete} said {@code false}. */
    public boolean degraded() {
        return served() && Boolean.FALSE.equals(complete);
    }

    /** Anything but a 200, including no response at all. */
    public boolean failed() {
        return status != 200;
    }

    /** 429 or 503: the edge or the composer refused the request on purpose. */
    public boolean shed() {
        return status == 429 || status == 503;
    }

    /** An RFC 9457 problem body. */
    public boolean problemJson() {
        return contentType != null && contentType.startsWith("application/problem+json");
    }

    /** Whether section {@code section} was reported with reason {@code reason}. */
    public boolean hasReason(String section, String reason) {
        return reason.equals(reasons.get(section));
    }
}

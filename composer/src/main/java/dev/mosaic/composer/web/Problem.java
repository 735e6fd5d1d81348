package dev.mosaic.composer.web;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem document with the request's {@code traceId}, and for a failed dashboard its
 * section details.
 *
 * @param type a URI identifying the problem type
 * @param title short summary of the type
 * @param status the HTTP status
 * @param detail what went wrong for this request
 * @param instance the request path
 * @param traceId the request's trace id
 * @param sections per-section details of a failed dashboard, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "traceId", "sections" })
public record Problem(String type, String title, int status, String detail, String instance, String traceId,
        Map<String, Object> sections) {

    /** Base of Mosaic's problem type URIs. */
    public static final String TYPE_BASE = "https://mosaic.dev/problems/";

    /** A problem of type {@code TYPE_BASE + slug}. */
    public static Problem of(String slug, String title, int status, String detail, String instance,
            String traceId) {
        return new Problem(TYPE_BASE + slug, title, status, detail, instance, traceId, null);
    }

    /** The same problem with section details. */
    public Problem withSections(Map<String, Object> sectionDetails) {
        return new Problem(type, title, status, detail, instance, traceId, sectionDetails);
    }
}

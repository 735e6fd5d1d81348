package dev.mosaic.compositions;

import java.util.Set;

/**
 * One section of a composition: where its data comes from and what the response shows of it.
 *
 * @param name the response field and {@code meta.sections} key
 * @param source the backend ({@code mosaic.composer.sources.<source>}) it calls
 * @param request the backend request template
 * @param select a JSON Pointer into the backend body ({@code ""}: the whole body)
 * @param required whether the composition fails without this section's data
 * @param fallback static JSON served as {@code DEGRADED}/{@code FALLBACK}, or null
 * @param description what the section holds, for the API documentation, or null
 * @param type the JSON type the selected value must have ({@code object}, {@code array},
 *     {@code string}, {@code number}, {@code boolean}), else the answer is {@code BAD_RESPONSE};
 *     {@code any} (the default) accepts every value
 */
public record SectionDefinition(String name, String source, RequestTemplate request, String select,
        boolean required, String fallback, String description, String type) {

    /** The types {@code type} may name. */
    public static final java.util.List<String> TYPES = java.util.List.of("any", "object", "array", "string", "number",
            "boolean");

    /** The sections whose values this section's request needs. */
    public Set<String> dependencies() {
        return request.dependencies();
    }
}

package dev.mosaic.composer.section;

/** A section's state in {@code meta.sections} (SPEC "Dashboard contract"). */
public enum SectionStatus {
    /** Live data. */
    OK,
    /** Data from a fallback: stale cache or static default. */
    DEGRADED,
    /** No data; the section's field is null. */
    FAILED,
    /** Not requested in {@code include}. */
    SKIPPED
}

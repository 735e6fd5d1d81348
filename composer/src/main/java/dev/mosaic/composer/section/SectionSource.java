package dev.mosaic.composer.section;

/** Where a section's data came from. */
public enum SectionSource {
    /** Fetched from the backend for this request. */
    LIVE,
    /** Last known good answer from the cache, with its age. */
    STALE,
    /** A static default. */
    FALLBACK,
    /** No data. */
    NONE
}

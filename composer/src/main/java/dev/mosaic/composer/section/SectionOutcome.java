package dev.mosaic.composer.section;

import java.time.Duration;

import dev.mosaic.composer.resilience.FailureReason;

/**
 * What one section contributed to a composed response.
 *
 * @param name section name
 * @param required whether the dashboard fails without it
 * @param status OK, DEGRADED, FAILED or SKIPPED
 * @param source LIVE, STALE, FALLBACK or NONE
 * @param reason why it is not OK, or null
 * @param attempts backend calls made
 * @param latencyMs composer time spent on the section, retries included
 * @param staleAgeMs age of stale data, or null
 * @param payload the data, or null
 * @param retryAfter when a client may usefully retry (for a failed required section), or null
 */
public record SectionOutcome(String name, boolean required, SectionStatus status, SectionSource source,
        FailureReason reason, int attempts, long latencyMs, Long staleAgeMs, SectionPayload payload,
        Duration retryAfter, boolean hedged) {

    /** An outcome not won by a hedge. */
    public SectionOutcome(String name, boolean required, SectionStatus status, SectionSource source,
            FailureReason reason, int attempts, long latencyMs, Long staleAgeMs, SectionPayload payload,
            Duration retryAfter) {
        this(name, required, status, source, reason, attempts, latencyMs, staleAgeMs, payload, retryAfter, false);
    }

    /** Live data, {@code hedged} when a hedge answered first. */
    public static SectionOutcome live(String name, boolean required, int attempts, long latencyMs,
            SectionPayload payload, boolean hedged) {
        return new SectionOutcome(name, required, SectionStatus.OK, SectionSource.LIVE, null, attempts, latencyMs,
                null, payload, null, hedged);
    }

    /** Live data. */
    public static SectionOutcome live(String name, boolean required, int attempts, long latencyMs,
            SectionPayload payload) {
        return new SectionOutcome(name, required, SectionStatus.OK, SectionSource.LIVE, null, attempts, latencyMs,
                null, payload, null);
    }

    /** Not requested. */
    public static SectionOutcome skipped(String name, boolean required) {
        return new SectionOutcome(name, required, SectionStatus.SKIPPED, SectionSource.NONE, null, 0, 0, null, null,
                null);
    }

    /**
     * The same outcome as seen by a response that did not ask for this section (it ran only because
     * an included section needed it): {@code SKIPPED} and without data, but with its real attempts
     * and latency.
     */
    public SectionOutcome hidden() {
        return new SectionOutcome(name, required, SectionStatus.SKIPPED, SectionSource.NONE, null, attempts, latencyMs,
                null, null, null);
    }

    /** Whether this section leaves the dashboard without the data it needs (required and failed). */
    public boolean failsDashboard() {
        return required && status == SectionStatus.FAILED;
    }

    /** Whether it counts as degraded for {@code X-Degraded-Sections}. */
    public boolean degraded() {
        return status == SectionStatus.DEGRADED || status == SectionStatus.FAILED;
    }
}

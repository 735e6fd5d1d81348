package dev.mosaic.composer.dashboard;

import java.util.List;

import dev.mosaic.composer.section.SectionOutcome;
import dev.mosaic.composer.section.SectionStatus;

/**
 * A composed dashboard: the outcome of every section, in configured order.
 *
 * @param userId the user
 * @param sections one outcome per known section (skipped ones included)
 */
public record Dashboard(String userId, List<SectionOutcome> sections) {

    /** Whether every requested section has live data. */
    public boolean complete() {
        for (SectionOutcome s : sections) {
            if (s.status() != SectionStatus.OK && s.status() != SectionStatus.SKIPPED) {
                return false;
            }
        }
        return true;
    }

    /** The first required section that failed, or null when the dashboard can be served. */
    public SectionOutcome failedRequiredSection() {
        for (SectionOutcome s : sections) {
            if (s.failsDashboard()) {
                return s;
            }
        }
        return null;
    }

    /** complete, partial or failed: the dashboard metric's outcome tag. */
    public String outcome() {
        if (failedRequiredSection() != null) {
            return "failed";
        }
        return complete() ? "complete" : "partial";
    }
}

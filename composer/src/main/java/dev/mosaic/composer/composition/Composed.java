package dev.mosaic.composer.composition;

import java.util.List;
import java.util.Map;

import dev.mosaic.composer.section.SectionOutcome;
import dev.mosaic.composer.section.SectionStatus;

/**
 * A composed answer: the path variables and the outcome of every section, in response order.
 *
 * @param composition the composition's name
 * @param params each path variable's value, in path order
 * @param sections one outcome per section (skipped ones included)
 */
public record Composed(String composition, Map<String, String> params, List<SectionOutcome> sections) {

    /** Whether every requested section has live data. */
    public boolean complete() {
        for (SectionOutcome s : sections) {
            if (s.status() != SectionStatus.OK && s.status() != SectionStatus.SKIPPED) {
                return false;
            }
        }
        return true;
    }

    /** The first required section that failed, or null when the answer can be served. */
    public SectionOutcome failedRequiredSection() {
        for (SectionOutcome s : sections) {
            if (s.failsDashboard()) {
                return s;
            }
        }
        return null;
    }

    /** complete, partial or failed: the metric's outcome tag. */
    public String outcome() {
        if (failedRequiredSection() != null) {
            return "failed";
        }
        return complete() ? "complete" : "partial";
    }
}

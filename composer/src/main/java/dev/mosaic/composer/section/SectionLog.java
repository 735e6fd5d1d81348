package dev.mosaic.composer.section;

import dev.mosaic.composer.resilience.FailureReason;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.util.context.ContextView;

/**
 * One log line per section that did not get live data, on logger {@value #LOGGER} (WARN; INFO for
 * {@code NOT_FOUND}, which is an answer, not a fault). The line is written with the request's
 * observation restored from the Reactor context, so it carries the request's trace id, span id and
 * request id (MDC) on whatever thread the section finished, without automatic context propagation.
 */
final class SectionLog {

    /** Logger name, so that the lines can be silenced or routed on their own. */
    static final String LOGGER = "dev.mosaic.composer.sections";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();

    private SectionLog() {
    }

    static void record(SectionOutcome outcome, ContextView context) {
        if (outcome.status() == SectionStatus.OK || outcome.status() == SectionStatus.SKIPPED) {
            return;
        }
        boolean notFound = outcome.reason() == FailureReason.NOT_FOUND;
        if (notFound ? !log.isInfoEnabled() : !log.isWarnEnabled()) {
            return;
        }
        try (ContextSnapshot.Scope scope = SNAPSHOTS.setThreadLocalsFrom(context)) {
            String format = "Section {} {} ({}): {} attempt(s), {} ms, source {}";
            Object[] args = { outcome.name(), outcome.status(), outcome.reason(), outcome.attempts(),
                    outcome.latencyMs(), outcome.source() };
            if (notFound) {
                log.info(format, args);
            } else {
                log.warn(format, args);
            }
        }
    }
}

package dev.mosaic.composer.section;

import dev.mosaic.composer.client.ForwardedHeaders;
import dev.mosaic.composer.resilience.FailureReason;
import dev.mosaic.composer.tracing.RequestTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per section that did not get live data, on logger {@value #LOGGER} (WARN; INFO for
 * {@code NOT_FOUND}, which is an answer, not a fault). The line is written with the request's trace
 * id, span id and request id in the MDC ({@code traceId}, {@code spanId}, {@code X-Request-Id}, the
 * keys of the log pattern), on whatever thread the section finished, without context propagation.
 */
final class SectionLog {

    /** Logger name, so that the lines can be silenced or routed on their own. */
    static final String LOGGER = "dev.mosaic.composer.sections";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final String TRACE_ID = "traceId";
    private static final String SPAN_ID = "spanId";

    private SectionLog() {
    }

    static void record(SectionOutcome outcome, ForwardedHeaders forwarded) {
        if (outcome.status() == SectionStatus.OK || outcome.status() == SectionStatus.SKIPPED) {
            return;
        }
        boolean notFound = outcome.reason() == FailureReason.NOT_FOUND;
        if (notFound ? !log.isInfoEnabled() : !log.isWarnEnabled()) {
            return;
        }
        RequestTrace trace = forwarded.trace();
        if (trace != null) {
            MDC.put(TRACE_ID, trace.traceId());
            MDC.put(SPAN_ID, trace.spanId());
        }
        if (forwarded.requestId() != null) {
            MDC.put(ForwardedHeaders.REQUEST_ID, forwarded.requestId());
        }
        try {
            String format = "Section {} {} ({}): {} attempt(s), {} ms, source {}";
            Object[] args = { outcome.name(), outcome.status(), outcome.reason(), outcome.attempts(),
                    outcome.latencyMs(), outcome.source() };
            if (notFound) {
                log.info(format, args);
            } else {
                log.warn(format, args);
            }
        } finally {
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
            MDC.remove(ForwardedHeaders.REQUEST_ID);
        }
    }
}

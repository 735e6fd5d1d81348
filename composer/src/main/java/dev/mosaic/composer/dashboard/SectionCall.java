package dev.mosaic.composer.dashboard;

import java.time.Duration;
import java.util.function.Function;

import dev.mosaic.composer.client.BackendClient;
import dev.mosaic.composer.resilience.CallState;
import dev.mosaic.composer.resilience.Deadline;
import dev.mosaic.composer.resilience.DeadlineExceededException;
import dev.mosaic.composer.resilience.Failures;
import dev.mosaic.composer.resilience.SectionPolicy;
import dev.mosaic.composer.section.FailureReason;
import dev.mosaic.composer.section.Section;
import dev.mosaic.composer.section.SectionOutcome;
import dev.mosaic.composer.section.SectionPayload;
import dev.mosaic.composer.section.SectionSource;
import dev.mosaic.composer.section.SectionStatus;
import reactor.core.publisher.Mono;

/**
 * Runs one section for one request: the backend call under the section's policy, cut at the
 * request's deadline, then the fallback chain (last known good → static default → failed). Its
 * {@code Mono} never fails, so one section can never cancel the others.
 */
final class SectionCall {

    private static final Duration RETRY_SOON = Duration.ofSeconds(1);

    private final Section section;
    private final boolean required;
    private final String baseUrl;
    private final BackendClient client;
    private final SectionPolicy policy;
    private final LastKnownGoodCache cache;

    SectionCall(Section section, boolean required, String baseUrl, BackendClient client, SectionPolicy policy,
            LastKnownGoodCache cache) {
        this.section = section;
        this.required = required;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.client = client;
        this.policy = policy;
        this.cache = cache;
    }

    String name() {
        return section.name();
    }

    boolean required() {
        return required;
    }

    /**
     * @param deadline the request's deadline, for retry decisions
     * @param expired signals when that deadline passes
     */
    Mono<SectionOutcome> execute(DashboardRequest request, Deadline deadline, Mono<Boolean> expired) {
        return Mono.defer(() -> {
            long start = Deadline.now();
            CallState state = new CallState(deadline);
            Mono<SectionPayload> attempt = Mono.defer(() -> {
                state.onAttempt();
                return client.get(section.uri(baseUrl, request.userId()), request.forwarded())
                        .map(section::extract)
                        // Reactor Netty reads the subscriber context several times per call, each
                        // time walking the whole operator chain above; pin it here once instead
                        .contextWrite(Function.identity());
            });
            return policy.decorate(attempt, state)
                    .timeout(expired, Mono.error(DeadlineExceededException::new))
                    .map(payload -> {
                        cache.put(request.userId(), payload);
                        return SectionOutcome.live(section.name(), required, state.attempts(),
                                Deadline.now() - start, payload);
                    })
                    .onErrorResume(failure -> Mono.just(fallback(request.userId(), failure, state, start)))
                    .doOnEach(signal -> {
                        if (signal.isOnNext()) {
                            SectionLog.record(signal.get(), signal.getContextView());
                        }
                    });
        });
    }

    private SectionOutcome fallback(String userId, Throwable failure, CallState state, long start) {
        FailureReason reason = state.stopReason() != null ? state.stopReason() : Failures.classify(failure);
        long latency = Deadline.now() - start;
        // a 404 means "no such data", not "backend unwell": stale data would resurrect something gone
        if (reason != FailureReason.NOT_FOUND) {
            LastKnownGoodCache.Stale stale = cache.get(userId);
            if (stale != null) {
                return new SectionOutcome(section.name(), required, SectionStatus.DEGRADED, SectionSource.STALE,
                        reason, state.attempts(), latency, stale.ageMillis(), stale.payload(), null);
            }
        }
        SectionPayload fallback = section.staticFallback();
        if (fallback != null) {
            return new SectionOutcome(section.name(), required, SectionStatus.DEGRADED, SectionSource.FALLBACK,
                    reason, state.attempts(), latency, null, fallback, null);
        }
        return new SectionOutcome(section.name(), required, SectionStatus.FAILED, SectionSource.NONE, reason,
                state.attempts(), latency, null, null, retryAfter(reason));
    }

    /**
     * When a client may usefully try a failed required section again. Every 503 says so (SPEC: where a
     * wait is known; a client with none hammers or gives up): an open circuit knows its wait, anything
     * else transient gets a short one. A 404 and a passed deadline (504) are not "try again soon".
     */
    private Duration retryAfter(FailureReason reason) {
        return switch (reason) {
            case CIRCUIT_OPEN -> policy.openWait();
            case NOT_FOUND, DEADLINE_EXCEEDED -> null;
            default -> RETRY_SOON;
        };
    }
}

package dev.mosaic.composer.section;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import dev.mosaic.composer.balancing.SourceBalancer;
import dev.mosaic.composer.balancing.SourceInstance;

import dev.mosaic.composer.client.BackendClient;
import dev.mosaic.composer.client.ForwardedHeaders;
import dev.mosaic.composer.resilience.CallState;
import dev.mosaic.composer.resilience.Deadline;
import dev.mosaic.composer.resilience.DeadlineExceededException;
import dev.mosaic.composer.resilience.FailureReason;
import dev.mosaic.composer.resilience.Failures;
import dev.mosaic.composer.resilience.SourcePolicy;
import reactor.core.publisher.Mono;

/**
 * A section's whole life for one request: the backend call under its source's policy, cut at the
 * request's deadline, the selected value cut out of the body, then the fallback chain (last known
 * good → static default → failed) and the outcome. Its {@code Mono} never fails, so one section can
 * never cancel the others.
 *
 * <pre>{@code
 * SectionCall orders = new SectionCall("orders", false, "http://127.0.0.1:9002", client, policy, cache,
 *         JsonSlices.selector("/orders"), null);
 * orders.execute("/orders?userId=u-1&limit=5", forwarded, deadline, expired);   // Mono<SectionOutcome>
 * }</pre>
 */
public final class SectionCall {

    private static final Duration RETRY_SOON = Duration.ofSeconds(1);
    private static final SectionPayload EMPTY_ARRAY = SectionPayload.ofJson("[]");

    private final String name;
    private final boolean required;
    private final String baseUrl;
    private final BackendClient client;
    private final SourcePolicy policy;
    private final LastKnownGoodCache cache;
    private final JsonSlices.Selector selector;
    private final SectionPayload fallback;
    private final SourceBalancer balancer;

    /**
     * @param name the section's name
     * @param required whether the composition fails without this section's data
     * @param baseUrl the source's base URL (a trailing slash is dropped)
     * @param client the backend client
     * @param policy the source's resilience policy
     * @param cache the section's last-known-good answers
     * @param selector cuts the section's value out of a body
     * @param fallback the static default, or null
     */
    public SectionCall(String name, boolean required, String baseUrl, BackendClient client, SourcePolicy policy,
            LastKnownGoodCache cache, JsonSlices.Selector selector, SectionPayload fallback) {
        this(name, required, baseUrl, null, client, policy, cache, selector, fallback);
    }

    /**
     * A section whose source has several instances: each attempt goes to the instance {@code balancer}
     * chooses (a retry or a hedge to another one when another is healthy), and its outcome feeds that
     * instance's health. {@code uri(..)} (validation, coalescing keys) uses the first instance.
     */
    public SectionCall(String name, boolean required, SourceBalancer balancer, BackendClient client,
            SourcePolicy policy, LastKnownGoodCache cache, JsonSlices.Selector selector, SectionPayload fallback) {
        this(name, required, balancer.primary().getUri().toString(), balancer, client, policy, cache, selector,
                fallback);
    }

    private SectionCall(String name, boolean required, String baseUrl, SourceBalancer balancer, BackendClient client,
            SourcePolicy policy, LastKnownGoodCache cache, JsonSlices.Selector selector, SectionPayload fallback) {
        this.name = name;
        this.required = required;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.balancer = balancer;
        this.client = client;
        this.policy = policy;
        this.cache = cache;
        this.selector = selector;
        this.fallback = fallback;
    }

    /** The section's name. */
    public String name() {
        return name;
    }

    /** Whether the composition fails without it. */
    public boolean required() {
        return required;
    }

    /** The URI a rendered request goes to (for validation at start-up). */
    public URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    /**
     * Calls the backend.
     *
     * @param pathAndQuery the rendered request (also the cache key)
     * @param deadline the request's deadline, for retry decisions and latency
     * @param expired signals when that deadline passes
     */
    public Mono<SectionOutcome> execute(String pathAndQuery, ForwardedHeaders forwarded, Deadline deadline,
            Mono<?> expired) {
        return Mono.defer(() -> {
            long start = deadline.now();
            CallState state = new CallState(deadline);
            URI uri = uri(pathAndQuery);
            if (!deadline.allowsAttempt()) {
                // too little time left for any attempt to finish: asking the backend only loads it
                return Mono.just(fallback(pathAndQuery, new DeadlineExceededException(), state, 0));
            }
            long attemptTimeout = policy.attemptTimeoutMillis();
            Mono<SectionPayload> attempt = balancer == null ? Mono.defer(() -> {
                state.onAttempt();
                // the backend is told how long this attempt will be waited for, so it can give up on
                // work nobody will read: the remaining budget or the attempt's timeout, whichever is less
                long budget = Math.min(deadline.remainingMillis(), attemptTimeout);
                return client.get(uri, forwarded.withTimeout(budget))
                        .map(selector::select)
                        // Reactor Netty reads the subscriber context several times per call, each
                        // time walking the whole operator chain above; pin it here once instead
                        .contextWrite(Function.identity());
            }) : balancedAttempt(pathAndQuery, forwarded, deadline, state, attemptTimeout);
            // identical calls in flight share one (when the source coalesces): the first caller's
            // call, retries and all; the others make no attempt of their own
            Mono<SectionPayload> call = policy.coalescer().enabled()
                    ? policy.coalescer().coalesce(uri + " " + selector.key(), () -> policy.decorate(attempt, state))
                    : policy.decorate(attempt, state);
            return call
                    .timeout(expired, Mono.error(DeadlineExceededException::new))
                    .map(payload -> {
                        cache.put(pathAndQuery, payload);
                        return SectionOutcome.live(name, required, state.attempts(), deadline.now() - start, payload,
                                state.hedged());
                    })
                    .onErrorResume(failure -> Mono.just(fallback(pathAndQuery, failure, state,
                            deadline.now() - start)))
                    .doOnNext(outcome -> SectionLog.record(outcome, forwarded));
        });
    }

    /**
     * One attempt on the instance the balancer chooses: not the one the call's previous attempt (or
     * hedge) went to, when another is healthy. How the call ends (a value, a connect error, a reset, a
     * 5xx) is that instance's evidence; a cancel (timeout, deadline, a lost hedge) is none.
     */
    private Mono<SectionPayload> balancedAttempt(String pathAndQuery, ForwardedHeaders forwarded, Deadline deadline,
            CallState state, long attemptTimeout) {
        AtomicReference<SourceInstance> previous = new AtomicReference<>();
        return Mono.defer(() -> {
            state.onAttempt();
            long budget = Math.min(deadline.remainingMillis(), attemptTimeout);
            return balancer.choose(previous.get())
                    .flatMap(instance -> {
                        previous.set(instance);
                        return client.get(instance.uri(pathAndQuery), forwarded.withTimeout(budget))
                                .doOnEach(signal -> {
                                    if (signal.isOnNext()) {
                                        instance.health().onCallEnded(null);
                                    } else if (signal.isOnError()) {
                                        instance.health().onCallEnded(signal.getThrowable());
                                    }
                                });
                    })
                    .map(selector::select)
                    .contextWrite(Function.identity());
        });
    }

    /**
     * The outcome of a section that is not called because {@code reason} (a section it needs failed,
     * or the deadline passed before it could start): its static default, or failed.
     */
    public SectionOutcome notCalled(FailureReason reason) {
        if (fallback != null) {
            return new SectionOutcome(name, required, SectionStatus.DEGRADED, SectionSource.FALLBACK, reason, 0, 0,
                    null, fallback, null);
        }
        return new SectionOutcome(name, required, SectionStatus.FAILED, SectionSource.NONE, reason, 0, 0, null, null,
                retryAfter(reason));
    }

    /** The outcome of a fan-out over no values: nothing to ask, so {@code []} without a call. */
    public SectionOutcome nothingToFetch() {
        return SectionOutcome.live(name, required, 0, 0, EMPTY_ARRAY);
    }

    private SectionOutcome fallback(String key, Throwable failure, CallState state, long latency) {
        FailureReason reason = state.stopReason() != null ? state.stopReason() : Failures.classify(failure);
        // a 404 means "no such data", not "backend unwell": stale data would resurrect something gone
        if (reason != FailureReason.NOT_FOUND) {
            LastKnownGoodCache.Stale stale = cache.get(key);
            if (stale != null) {
                return new SectionOutcome(name, required, SectionStatus.DEGRADED, SectionSource.STALE, reason,
                        state.attempts(), latency, stale.ageMillis(), stale.payload(), null);
            }
        }
        if (fallback != null) {
            return new SectionOutcome(name, required, SectionStatus.DEGRADED, SectionSource.FALLBACK, reason,
                    state.attempts(), latency, null, fallback, null);
        }
        return new SectionOutcome(name, required, SectionStatus.FAILED, SectionSource.NONE, reason, state.attempts(),
                latency, null, null, retryAfter(reason));
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

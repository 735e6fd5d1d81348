package dev.mosaic.gateway.security;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * The identity provider's RSA signing keys, fetched from its JWK set without blocking, for Spring
 * Security's {@code NimbusReactiveJwtDecoder.withJwkSource(keys::forToken)}.
 *
 * <ul>
 * <li>Every fetch is bounded by {@code timeout} (connect and response timeouts are the HTTP client's).
 * <li>One fetch at a time: whoever needs keys while one runs waits for that one.
 * <li>A token whose {@code kid} is unknown fetches the set again, but not within
 *     {@code minRefetchInterval} of the last fetch (1 s, or that interval if shorter, after a failed
 *     one), so that made-up key ids cannot turn anonymous traffic into outbound load.
 * <li>The set is fetched again every {@code refreshInterval} in the background ({@link #start()}),
 *     so that a key the provider dropped stops being trusted within {@code refreshInterval +
 *     timeout}; requests never wait for this refresh.
 * <li>While the provider is down the last set fetched stays trusted (an outage must not log every
 *     caller out); with no set at all a token cannot be checked: {@link IdentityProviderUnavailableException}.
 * </ul>
 * A failed fetch is logged as one WARN, then at most one per {@link #WARN_INTERVAL}, never per request.
 */
public final class JwkKeys implements AutoCloseable {

    /** At most one WARN this often while fetches fail. */
    static final Duration WARN_INTERVAL = Duration.ofSeconds(30);
    /** After a failed fetch, the next is tried this soon (unless the minimum interval is shorter). */
    static final Duration FAILED_FETCH_BACKOFF = Duration.ofSeconds(1);
    /** A failed background refresh is tried this many more times, {@link #FAILED_FETCH_BACKOFF} apart. */
    static final int SCHEDULED_RETRIES = 2;

    private static final Logger log = LoggerFactory.getLogger(JwkKeys.class);

    private record KeySet(Map<String, JWK> keys) {
    }

    private final WebClient client;
    private final URI uri;
    private final Duration timeout;
    private final Duration refreshInterval;
    private final long minRefetchMillis;
    private final long failedBackoffMillis;
    private final Clock clock;
    private final Scheduler scheduler;
    /** The last set fetched, or null before the first success. */
    private final AtomicReference<KeySet> current = new AtomicReference<>();
    private final AtomicReference<Mono<KeySet>> inFlight = new AtomicReference<>();
    private final AtomicLong lastAttemptMillis = new AtomicLong(Long.MIN_VALUE / 2);
    private volatile boolean lastAttemptFailed;
    private final AtomicLong lastWarningMillis = new AtomicLong(Long.MIN_VALUE / 2);
    private final AtomicLong suppressedWarnings = new AtomicLong();
    private volatile Disposable refreshing;
    private volatile Disposable resources = () -> { };

    /**
     * @param client the HTTP client to fetch with (its own small pool, connect and response timeouts)
     * @param uri the JWK set
     * @param timeout how long one fetch may take, all included
     * @param refreshInterval how often the set is fetched in the background
     * @param minRefetchInterval the least time between a fetch and one caused by an unknown {@code kid}
     * @param clock the time
     * @param scheduler where the background refresh runs (and where the timeout fires)
     */
    public JwkKeys(WebClient client, URI uri, Duration timeout, Duration refreshInterval, Duration minRefetchInterval,
            Clock clock, Scheduler scheduler) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.refreshInterval = refreshInterval;
        this.minRefetchMillis = minRefetchInterval.toMillis();
        this.failedBackoffMillis = Math.min(FAILED_FETCH_BACKOFF.toMillis(), minRefetchMillis);
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /** Fetches the set now (in the background) and then every {@code refreshInterval}; a second call does nothing. */
    public synchronized JwkKeys start() {
        if (refreshing != null) {
            return this;
        }
        refreshing = Flux.interval(Duration.ZERO, refreshInterval, scheduler)
                .onBackpressureDrop()
                // a failed refresh (the first one, in a JVM still cold, most likely) is tried again soon,
                // not a whole interval later
                .concatMap(tick -> Mono.defer(this::refresh)
                        .retryWhen(Retry.fixedDelay(SCHEDULED_RETRIES, FAILED_FETCH_BACKOFF).scheduler(scheduler))
                        .onErrorResume(e -> Mono.empty()), 1)
                .subscribe();
        return this;
    }

    /** Also releases {@code resources} (the HTTP client's pool) on {@link #close()}. */
    JwkKeys closing(Disposable resources) {
        this.resources = resources;
        return this;
    }

    @Override
    public void close() {
        Disposable running = refreshing;
        if (running != null) {
            running.dispose();
        }
        resources.dispose();
    }

    /**
     * The key that may have signed {@code jwt} (by its {@code kid}): empty when the provider has no such
     * key (or the token names none), an {@link IdentityProviderUnavailableException} when the keys
     * cannot be known now.
     */
    public Flux<JWK> forToken(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        if (kid == null) {
            return Flux.empty();
        }
        return key(kid).flux();
    }

    /** Whether {@code kid} is in the last set fetched: a verified token stays trusted only while its key is. */
    public boolean trusts(String kid) {
        KeySet set = current.get();
        return kid != null && set != null && set.keys().containsKey(kid);
    }

    Mono<JWK> key(String kid) {
        KeySet set = current.get();
        JWK key = set == null ? null : set.keys().get(kid);
        if (key != null) {
            return Mono.just(key);
        }
        Mono<KeySet> fetch = fetch(false);
        if (fetch == null) {
            // fetched (or tried) just now: answer from what there is instead of asking again
            if (lastAttemptFailed) {
                return Mono.error(unavailable(nextAttemptIn()));
            }
            return Mono.empty();
        }
        return fetch.mapNotNull(fresh -> fresh.keys().get(kid));
    }

    private Mono<KeySet> refresh() {
        return fetch(true);
    }

    /**
     * The fetch running now, else a new one when {@code scheduled} or the minimum interval has passed,
     * else null. Decided under the lock (no I/O inside), so that concurrent callers see one fetch and
     * one attempt time: however many unknown key ids arrive at once, they cause one fetch.
     */
    private synchronized Mono<KeySet> fetch(boolean scheduled) {
        Mono<KeySet> running = inFlight.get();
        if (running != null) {
            return running;
        }
        if (!scheduled && nextAttemptIn().toMillis() > 0) {
            return null;
        }
        lastAttemptMillis.set(clock.millis());
        AtomicReference<Mono<KeySet>> self = new AtomicReference<>();
        Mono<KeySet> fetch = client.get().uri(uri).retrieve().bodyToMono(String.class)
                .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("the answer has no body")))
                .timeout(timeout, scheduler)
                .map(this::parse)
                .doOnNext(this::fetched)
                .onErrorMap(e -> !(e instanceof IdentityProviderUnavailableException), e -> {
                    failed(e);
                    return unavailable(Duration.ofMillis(failedBackoffMillis));
                })
                .doFinally(signal -> inFlight.compareAndSet(self.get(), null))
                .cache();
        self.set(fetch);
        inFlight.set(fetch);
        return fetch;
    }

    /** How long until an unknown {@code kid} may cause a fetch (zero or negative: now). */
    private Duration nextAttemptIn() {
        long since = clock.millis() - lastAttemptMillis.get();
        return Duration.ofMillis((lastAttemptFailed ? failedBackoffMillis : minRefetchMillis) - since);
    }

    private void fetched(KeySet fresh) {
        KeySet before = current.getAndSet(fresh);
        if (lastAttemptFailed) {
            lastAttemptFailed = false;
            log.info("JWK set {} fetched again ({} keys)", uri, fresh.keys().size());
        }
        if (before != null && !fresh.keys().keySet().containsAll(before.keys().keySet())) {
            Set<String> dropped = new HashSet<>(before.keys().keySet());
            dropped.removeAll(fresh.keys().keySet());
            log.info("JWK set {} no longer has key(s) {}: tokens they signed are not trusted any more", uri, dropped);
        }
    }

    private void failed(Throwable error) {
        lastAttemptFailed = true;
        long now = clock.millis();
        long last = lastWarningMillis.get();
        if (now - last >= WARN_INTERVAL.toMillis() && lastWarningMillis.compareAndSet(last, now)) {
            long suppressed = suppressedWarnings.getAndSet(0);
            log.warn("Could not fetch the JWK set {} ({}); tokens with keys not seen before are answered 503 until it "
                    + "answers{}", uri, describe(error),
                    suppressed > 0 ? " (" + suppressed + " more failed fetches since the last warning)" : "");
        } else {
            suppressedWarnings.incrementAndGet();
        }
    }

    private IdentityProviderUnavailableException unavailable(Duration retryAfter) {
        return new IdentityProviderUnavailableException("The JWK set " + uri + " is unavailable", retryAfter);
    }

    private KeySet parse(String body) {
        JWKSet set;
        try {
            set = JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalArgumentException("the answer is not a JWK set", e);
        }
        Map<String, JWK> keys = new HashMap<>();
        for (JWK jwk : set.getKeys()) {
            if (jwk instanceof RSAKey && jwk.getKeyID() != null
                    && (jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()))
                    && (jwk.getAlgorithm() == null || JWSAlgorithm.RS256.equals(jwk.getAlgorithm()))) {
                keys.put(jwk.getKeyID(), jwk);
            }
        }
        return new KeySet(Map.copyOf(keys));
    }

    private String describe(Throwable error) {
        if (error instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }
}

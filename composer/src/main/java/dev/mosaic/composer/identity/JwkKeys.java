package dev.mosaic.composer.identity;

import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.mosaic.composer.resilience.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The identity provider's RSA signing keys, fetched from its JWK set without blocking. An unknown
 * {@code kid} refetches the set, but at most once per {@code minRefetchInterval} and one fetch at a
 * time, so that tokens with made-up key ids cannot turn into outbound load; the set is also refetched
 * once it is older than {@code maxAge} (at most once per the shorter of the two intervals, also while
 * the provider is down), so that a key the provider dropped stops being trusted within {@code maxAge}
 * of its drop, whatever the minimum refetch interval.
 */
public final class JwkKeys {

    private static final Logger log = LoggerFactory.getLogger(JwkKeys.class);

    private record KeySet(Map<String, RSAPublicKey> keys, long fetchedAtMillis) {
    }

    private final WebClient client;
    private final URI uri;
    private final Duration timeout;
    private final long maxAgeMillis;
    private final long minRefetchMillis;
    private final TimeSource time;
    /** The last set fetched, or null before the first success. */
    private final AtomicReference<KeySet> current = new AtomicReference<>();
    private final AtomicLong lastAttemptMillis = new AtomicLong(Long.MIN_VALUE / 2);
    private volatile boolean lastAttemptFailed;
    private final AtomicReference<Mono<KeySet>> inFlight = new AtomicReference<>();

    /**
     * @param client the HTTP client to fetch with
     * @param uri the JWK set
     * @param timeout how long one fetch may take
     * @param maxAge how long a fetched set is trusted before it is fetched again
     * @param minRefetchInterval the least time between two fetches (also after a failed one)
     */
    public JwkKeys(WebClient client, URI uri, Duration timeout, Duration maxAge, Duration minRefetchInterval,
            TimeSource time) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.maxAgeMillis = maxAge.toMillis();
        this.minRefetchMillis = minRefetchInterval.toMillis();
        this.time = time;
    }

    /**
     * The key {@code kid}; empty when the provider has no such key; an
     * {@link IdentityProviderUnavailableException} when no key set could be fetched yet.
     */
    public Mono<RSAPublicKey> key(String kid) {
        KeySet set = current.get();
        long now = time.millis();
        RSAPublicKey key = set == null ? null : set.keys().get(kid);
        if (key != null && now - set.fetchedAtMillis() < maxAgeMillis) {
            return Mono.just(key);
        }
        // a set older than maxAge is refreshed after min(maxAge, minRefetchInterval) since the last
        // attempt, so that a short maxAge bounds how long a dropped key is trusted; an unknown kid in
        // a fresh set waits out the whole minRefetchInterval
        boolean stale = set != null && now - set.fetchedAtMillis() >= maxAgeMillis;
        long interval = stale ? Math.min(minRefetchMillis, maxAgeMillis) : minRefetchMillis;
        if (now - lastAttemptMillis.get() < interval && inFlight.get() == null) {
            // fetched (or tried) just now: answer from what there is instead of asking again
            if (set == null && lastAttemptFailed) {
                return Mono.error(new IdentityProviderUnavailableException("JWK set " + uri + " unavailable", null));
            }
            return Mono.justOrEmpty(key);
        }
        RSAPublicKey known = key;
        // a provider that is down must not lock out callers whose key we already know
        return refresh().mapNotNull(fresh -> fresh.keys().get(kid))
                .onErrorResume(e -> known != null ? Mono.just(known) : Mono.error(e));
    }

    /** One fetch for everyone who needs it now. */
    private Mono<KeySet> refresh() {
        Mono<KeySet> running = inFlight.get();
        if (running != null) {
            return running;
        }
        Mono<KeySet> fetch = Mono.defer(() -> {
            lastAttemptMillis.set(time.millis());
            return client.get().uri(uri).retrieve().bodyToMono(String.class);
        })
                .timeout(timeout)
                .map(this::parse)
                .doOnNext(set -> {
                    current.set(set);
                    lastAttemptFailed = false;
                })
                .onErrorMap(e -> !(e instanceof IdentityProviderUnavailableException),
                        e -> new IdentityProviderUnavailableException("JWK set " + uri + " unavailable: " + e, e))
                .doOnError(e -> {
                    lastAttemptFailed = true;
                    log.warn("Could not fetch the JWK set {}: {}", uri, e.getMessage());
                })
                .doFinally(signal -> inFlight.set(null))
                .cache();
        if (inFlight.compareAndSet(null, fetch)) {
            return fetch;
        }
        Mono<KeySet> other = inFlight.get();
        return other != null ? other : fetch;
    }

    private KeySet parse(String body) {
        try {
            Map<String, RSAPublicKey> keys = new HashMap<>();
            for (JWK jwk : JWKSet.parse(body).getKeys()) {
                if (jwk instanceof RSAKey rsa && jwk.getKeyID() != null
                        && (jwk.getKeyUse() == null || KeyUse.SIGNATURE.equals(jwk.getKeyUse()))) {
                    keys.put(jwk.getKeyID(), rsa.toRSAPublicKey());
                }
            }
            return new KeySet(Map.copyOf(keys), time.millis());
        } catch (ParseException | JOSEException e) {
            throw new IdentityProviderUnavailableException("JWK set " + uri + " is not a valid JWK set", e);
        }
    }
}

package dev.mosaic.composer.section;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * A bounded cache of the last good answer to each backend request of one section (keyed by the
 * request's path and query; Caffeine, size- and TTL-bound), served as {@code STALE} when the backend
 * cannot answer.
 */
public final class LastKnownGoodCache {

    /**
     * A cached answer and its age.
     *
     * @param payload the data
     * @param ageMillis time since it was fetched
     */
    public record Stale(SectionPayload payload, long ageMillis) {
    }

    private record Entry(SectionPayload payload, long storedAtNanos) {
    }

    /** How long an identical answer is not re-written. */
    static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Cache<String, Entry> cache;
    private final Ticker ticker;

    private LastKnownGoodCache(Cache<String, Entry> cache, Ticker ticker) {
        this.cache = cache;
        this.ticker = ticker;
    }

    /** A cache keeping up to {@code maxSize} answers for {@code ttl}, timed by {@code ticker}. */
    public static LastKnownGoodCache create(Duration ttl, long maxSize, Ticker ticker) {
        return new LastKnownGoodCache(Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(ttl)
                .ticker(ticker)
                // eviction work stays on the calling thread instead of hopping to ForkJoinPool
                .executor(Runnable::run)
                .build(), ticker);
    }

    /**
     * Remembers a good answer. An identical answer stored less than {@link #REFRESH_NANOS} ago is
     * kept as is: a read is much cheaper than a write in Caffeine, and a hot user is fetched many
     * times a second (staleAgeMs is then at most that much older than the latest identical fetch).
     */
    public void put(String key, SectionPayload payload) {
        long now = ticker.read();
        Entry current = cache.getIfPresent(key);
        if (current != null && current.payload().contentHash() == payload.contentHash()
                && now - current.storedAtNanos() < REFRESH_NANOS) {
            return;
        }
        cache.put(key, new Entry(payload, now));
    }

    /** The last good answer, or null. */
    public Stale get(String key) {
        Entry entry = cache.getIfPresent(key);
        if (entry == null) {
            return null;
        }
        return new Stale(entry.payload(), TimeUnit.NANOSECONDS.toMillis(ticker.read() - entry.storedAtNanos()));
    }
}

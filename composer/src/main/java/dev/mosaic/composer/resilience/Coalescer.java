package dev.mosaic.composer.resilience;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Request coalescing for one source (single-flight): identical calls in flight at the same moment
 * share one call and its one answer, value or error. A caller that goes away (its deadline, a gone
 * client) leaves the call to the others; only when every caller has gone is the call cancelled.
 * Optionally, an answer that has just arrived is served to identical calls within {@code freshFor}
 * (a hot key is then fetched at most about once per window). Bounded: at most {@code maxKeys} calls
 * are coalesced at once (beyond that a call simply goes out on its own) and as many answers kept.
 *
 * <pre>{@code
 * Coalescer orders = Coalescer.create(Duration.ofMillis(100), 10_000, time);
 * orders.coalesce("/orders?userId=u-1", () -> policy.decorate(attempt, state));
 * }</pre>
 */
public final class Coalescer {

    private static final Coalescer OFF = new Coalescer(0, 0, null);

    private final ConcurrentHashMap<String, InFlight<?>> inFlight = new ConcurrentHashMap<>();
    private final Cache<String, Object> fresh;
    private final int maxKeys;
    private final LongAdder coalesced = new LongAdder();
    private final LongAdder servedFresh = new LongAdder();

    private Coalescer(long freshForNanos, int maxKeys, TimeSource time) {
        this.maxKeys = maxKeys;
        this.fresh = freshForNanos <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterWrite(Duration.ofNanos(freshForNanos))
                .ticker(time::nanos)
                // eviction work stays on the calling thread instead of hopping to ForkJoinPool
                .executor(Runnable::run)
                .build();
    }

    /** No coalescing. */
    public static Coalescer off() {
        return OFF;
    }

    /** Coalescing of up to {@code maxKeys} calls at once, serving fresh answers for {@code freshFor} (zero: none). */
    public static Coalescer create(Duration freshFor, int maxKeys, TimeSource time) {
        return new Coalescer(freshFor.toNanos(), maxKeys, time);
    }

    /** Whether coalescing is on. */
    public boolean enabled() {
        return this != OFF;
    }

    /** Calls that joined another identical call in flight instead of making their own. */
    public long coalesced() {
        return coalesced.sum();
    }

    /** Calls answered from an answer that had just arrived. */
    public long servedFresh() {
        return servedFresh.sum();
    }

    /** Identical calls in flight now. */
    public int inFlight() {
        return inFlight.size();
    }

    /**
     * The answer of the call {@code key} names: the one already in flight, a fresh one, or
     * {@code call}'s own (subscribed once, with the first caller's context).
     */
    @SuppressWarnings("unchecked")
    public <T> Mono<T> coalesce(String key, Supplier<Mono<T>> call) {
        if (!enabled()) {
            return call.get();
        }
        return Mono.deferContextual(context -> {
            if (fresh != null) {
                Object answer = fresh.getIfPresent(key);
                if (answer != null) {
                    servedFresh.increment();
                    return Mono.just((T) answer);
                }
            }
            InFlight<T> existing = (InFlight<T>) inFlight.get(key);
            if (existing != null && existing.join()) {
                coalesced.increment();
                return existing.answer();
            }
            if (inFlight.size() >= maxKeys) {
                return call.get();
            }
            InFlight<T> mine = new InFlight<>(key);
            InFlight<T> raced = (InFlight<T>) inFlight.putIfAbsent(key, mine);
            if (raced != null) {
                if (raced.join()) {
                    coalesced.increment();
                    return raced.answer();
                }
                return call.get();
            }
            mine.join();
            Mono<T> answer = mine.answer();
            mine.start(call.get().contextWrite(context));
            return answer;
        });
    }

    /** One shared call: its answer, replayed to every caller, and how many callers still wait for it. */
    private final class InFlight<T> {

        private final String key;
        private final Sinks.One<T> answer = Sinks.one();
        /** Callers waiting; 0 once the last has gone, after which no one may join. */
        private final AtomicInteger callers = new AtomicInteger();
        private volatile boolean started;
        private volatile Disposable upstream;

        InFlight(String key) {
            this.key = key;
        }

        boolean join() {
            while (true) {
                int n = callers.get();
                if (n == 0 && started) {
                    return false;
                }
                if (callers.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        Mono<T> answer() {
            return answer.asMono().doOnCancel(this::leave);
        }

        void start(Mono<T> call) {
            started = true;
            upstream = call.subscribe(
                    value -> {
                        if (fresh != null) {
                            fresh.put(key, value);
                        }
                        inFlight.remove(key, this);
                        answer.tryEmitValue(value);
                    },
                    error -> {
                        inFlight.remove(key, this);
                        answer.tryEmitError(error);
                    },
                    () -> {
                        inFlight.remove(key, this);
                        answer.tryEmitEmpty();
                    });
        }

        private void leave() {
            if (callers.decrementAndGet() == 0) {
                // everyone has gone: nobody will read the answer, so stop asking for it
                inFlight.remove(key, this);
                Disposable call = upstream;
                if (call != null) {
                    call.dispose();
                }
            }
        }
    }
}

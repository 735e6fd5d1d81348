package dev.mosaic.gateway.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Token buckets in Redis, shared by every gateway instance pointed at the same Redis.
 *
 * <p>Runs Spring Cloud Gateway's own {@code request_rate_limiter.lua} (the script behind its
 * {@code RedisRateLimiter}), which refills and takes a token atomically inside Redis.
 *
 * <p><b>When Redis is down or slow</b> (no answer within {@code redis-timeout}) the limiter
 * <b>fails open</b>: the request proceeds without an {@code X-RateLimit-Remaining} value, the counter
 * {@value #ERRORS_METRIC} goes up and a WARN is logged at most once per {@link #LOG_INTERVAL}. An
 * outage of a rate-limit store should not become an outage of the API; the metric is what alerts.
 */
final class RedisClientRateLimiter implements ClientRateLimiter {

    static final String ERRORS_METRIC = "mosaic.gateway.ratelimit.store.errors";
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(RedisClientRateLimiter.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisScript<List<Long>> script;
    private final List<String> arguments;
    private final Duration timeout;
    private final Duration retryAfter;
    private final Counter errors;
    private final AtomicLong lastWarning = new AtomicLong();

    RedisClientRateLimiter(ReactiveStringRedisTemplate redis, RedisScript<List<Long>> script,
            RateLimitProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.script = script;
        // rate, capacity, now (empty: the script asks Redis for TIME), tokens requested
        this.arguments = List.of(Integer.toString(properties.requestsPerSecond()),
                Integer.toString(properties.burst()), "", "1");
        this.timeout = properties.redisTimeout();
        // the script refills per whole second, so a rejected client can retry after one second
        this.retryAfter = Duration.ofSeconds(1);
        this.errors = Counter.builder(ERRORS_METRIC)
                .description("Rate limit checks that failed open because Redis did not answer")
                .register(meters);
    }

    /**
     * Refuses a configuration the script cannot enforce: it keeps a bucket in Redis for
     * {@code floor(2 × burst / requests-per-second)} seconds, which is 0 when
     * {@code 2 × burst < requests-per-second}; the bucket is then never stored and every request
     * finds it full, so the limiter would never limit. (The in-memory store has no such edge.)
     *
     * @throws IllegalStateException naming both properties and the smallest burst that works
     */
    static void requireALimitTheScriptCanKeep(RateLimitProperties properties) {
        if (2L * properties.burst() < properties.requestsPerSecond()) {
            throw new IllegalStateException("mosaic.gateway.rate-limit.burst (" + properties.burst()
                    + ") must be at least half of mosaic.gateway.rate-limit.requests-per-second ("
                    + properties.requestsPerSecond() + ") with the Redis store: its script keeps a bucket for "
                    + "floor(2 x burst / requests-per-second) seconds, 0 here, so it would never limit. Set burst to "
                    + "at least " + ((properties.requestsPerSecond() + 1) / 2)
                    + " or use mosaic.gateway.rate-limit.store=memory");
        }
    }

    /**
     * Opens the Redis connection ahead of the first request (off the event loop; a Redis that is
     * down now is only logged: the limiter fails open until it is back).
     */
    void warmUp() {
        redis.execute(script, List.of("mosaic.rate_limit.{warm-up}.tokens", "mosaic.rate_limit.{warm-up}.timestamp"),
                        arguments)
                .subscribeOn(Schedulers.boundedElastic())
                .then()
                .subscribe(ok -> { }, error -> warnAtMostEveryInterval(error));
    }

    @Override
    public Mono<RateLimitDecision> tryAcquire(String key) {
        // hash tag {key}: both keys land on the same Redis Cluster slot, as the script needs
        List<String> keys = List.of("mosaic.rate_limit.{" + key + "}.tokens", "mosaic.rate_limit.{" + key + "}.timestamp");
        return redis.execute(script, keys, arguments)
                // Lettuce opens its shared connection synchronously on first use (and after Redis
                // was unreachable at startup): subscribe off the event loop so that connect never
                // parks a Netty thread. Once connected, commands are asynchronous anyway.
                .subscribeOn(Schedulers.boundedElastic())
                .collect(ArrayList<Long>::new, List::addAll)
                .timeout(timeout)
                .map(result -> result.size() >= 2 && result.get(0) == 1L
                        ? new RateLimitDecision(true, result.get(1), Duration.ZERO)
                        : new RateLimitDecision(false, result.size() >= 2 ? result.get(1) : 0, retryAfter))
                .onErrorResume(error -> {
                    errors.increment();
                    warnAtMostEveryInterval(error);
                    return Mono.just(RateLimitDecision.failedOpen());
                });
    }

    private void warnAtMostEveryInterval(Throwable error) {
        long now = Instant.now().toEpochMilli();
        long last = lastWarning.get();
        if (now - last >= LOG_INTERVAL.toMillis() && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limit store (Redis) failed, letting requests through: {} "
                    + "(further failures counted in {}, logged at most every {}s)",
                    error.toString(), ERRORS_METRIC, LOG_INTERVAL.toSeconds());
        }
    }
}

package dev.mosaic.gateway.ratelimit;

import java.util.List;

import dev.mosaic.gateway.error.ProblemWriter;
import dev.mosaic.gateway.routing.EdgeRoutes;
import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Wires the per-client rate limiter: in memory by default, in Redis when
 * {@code mosaic.gateway.rate-limit.store=redis}, or when {@code store=auto} (the default) and
 * {@code spring.data.redis.host} or {@code spring.data.redis.url} is set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
@ConditionalOnProperty(name = "mosaic.gateway.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
public class RateLimitConfiguration {

    @Bean
    RateLimitWebFilter rateLimitWebFilter(ClientRateLimiter limiter, ProblemWriter writer, MeterRegistry meters,
            EdgeRoutes routes) {
        return new RateLimitWebFilter(limiter, writer, meters, routes);
    }

    @Bean
    @Conditional(RedisStoreSelected.class)
    ClientRateLimiter redisClientRateLimiter(ReactiveStringRedisTemplate redis,
            @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> gatewayScript,
            RateLimitProperties properties, MeterRegistry meters) {
        RedisClientRateLimiter.requireALimitTheScriptCanKeep(properties);
        // Spring Cloud Gateway's script, read once here: its bean re-reads the jar resource whenever
        // Redis answers NOSCRIPT, which would be file I/O on a Lettuce event-loop thread
        @SuppressWarnings({"unchecked", "rawtypes"})
        RedisScript<List<Long>> script = new DefaultRedisScript(gatewayScript.getScriptAsString(), List.class);
        RedisClientRateLimiter limiter = new RedisClientRateLimiter(redis, script, properties, meters);
        limiter.warmUp();
        return limiter;
    }

    /**
     * With Redis down, Lettuce would otherwise queue commands until it reconnects; rejecting them
     * makes the limiter fail open at once instead of holding requests until the timeout.
     */
    @Bean
    @Conditional(RedisStoreSelected.class)
    LettuceClientConfigurationBuilderCustomizer rejectCommandsWhileDisconnected() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    @Bean
    @Conditional(MemoryStoreSelected.class)
    ClientRateLimiter inMemoryClientRateLimiter(RateLimitProperties properties) {
        return ClientRateLimiter.inMemory(properties);
    }

    static boolean redisSelected(Environment env) {
        String store = env.getProperty("mosaic.gateway.rate-limit.store", "auto").trim().toLowerCase();
        return switch (store) {
            case "redis" -> true;
            case "memory" -> false;
            default -> env.containsProperty("spring.data.redis.host") || env.containsProperty("spring.data.redis.url");
        };
    }

    static final class RedisStoreSelected implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return redisSelected(context.getEnvironment());
        }
    }

    static final class MemoryStoreSelected implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !redisSelected(context.getEnvironment());
        }
    }
}

package dev.mosaic.composer.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import dev.mosaic.composer.client.UpstreamStatusException;
import dev.mosaic.composer.section.BadResponseException;
import dev.mosaic.composer.section.FailureReason;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.netty.channel.ConnectTimeoutException;
import org.springframework.core.codec.CodecException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

/**
 * Classifies failures once, for everyone: the response's {@code reason}, what the circuit breaker
 * counts, and what may be retried.
 */
public final class Failures {

    private Failures() {
    }

    /** The SPEC reason for a failure (unwrapping our own and framework wrappers). */
    public static FailureReason classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            FailureReason reason = direct(t);
            if (reason != null) {
                return reason;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return FailureReason.UPSTREAM_ERROR;
    }

    private static FailureReason direct(Throwable t) {
        if (t instanceof DeadlineExceededException) {
            return FailureReason.DEADLINE_EXCEEDED;
        }
        if (t instanceof CallNotPermittedException) {
            return FailureReason.CIRCUIT_OPEN;
        }
        if (t instanceof BulkheadFullException) {
            return FailureReason.BULKHEAD_FULL;
        }
        if (t instanceof PoolAcquireTimeoutException || t instanceof PoolAcquirePendingLimitException) {
            // the local pool is saturated: no connection was even attempted
            return FailureReason.CONNECT_ERROR;
        }
        if (t instanceof TimeoutException) {
            return FailureReason.TIMEOUT;
        }
        if (t instanceof UpstreamStatusException upstream) {
            return upstream.status() == 404 ? FailureReason.NOT_FOUND : FailureReason.UPSTREAM_ERROR;
        }
        if (t instanceof BadResponseException || t instanceof DataBufferLimitException
                || t instanceof CodecException) {
            return FailureReason.BAD_RESPONSE;
        }
        if (t instanceof ConnectException || t instanceof ConnectTimeoutException || t instanceof IOException) {
            return FailureReason.CONNECT_ERROR;
        }
        return null;
    }

    /**
     * Whether another attempt may help: connection failures, per-attempt timeouts and 502/503/504.
     * Never 4xx, an open circuit, a full bulkhead, a bad body or a saturated local pool.
     */
    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PoolAcquireTimeoutException || t instanceof PoolAcquirePendingLimitException) {
                return false;
            }
            if (t instanceof UpstreamStatusException upstream) {
                int status = upstream.status();
                return status == 502 || status == 503 || status == 504;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        FailureReason reason = classify(failure);
        return reason == FailureReason.TIMEOUT || reason == FailureReason.CONNECT_ERROR;
    }

    /**
     * Whether the circuit breaker counts it as a failure: 4xx, a full bulkhead or a saturated local
     * pool say nothing about the backend's health.
     */
    public static boolean isBackendFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PoolAcquireTimeoutException || t instanceof PoolAcquirePendingLimitException) {
                // our own pool is saturated: that says nothing about the backend
                return false;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        FailureReason reason = classify(failure);
        if (reason == FailureReason.UPSTREAM_ERROR) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof UpstreamStatusException upstream) {
                    return upstream.status() >= 500;
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            return true;
        }
        return reason == FailureReason.TIMEOUT || reason == FailureReason.CONNECT_ERROR
                || reason == FailureReason.BAD_RESPONSE;
    }
}

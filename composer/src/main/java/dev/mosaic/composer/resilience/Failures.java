package dev.mosaic.composer.resilience;

import java.util.concurrent.TimeoutException;

import dev.mosaic.composer.client.BackendCallException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

/**
 * Classifies failures once, for everyone: the response's {@code reason}, what the circuit breaker
 * counts, and what may be retried. It knows our own exceptions and Resilience4j's rejections only:
 * transport failures arrive as {@link BackendCallException} kinds, translated by the client.
 */
public final class Failures {

    private Failures() {
    }

    /** The SPEC reason for a failure (unwrapping our own wrappers). */
    public static FailureReason classify(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof DeadlineExceededException) {
            return FailureReason.DEADLINE_EXCEEDED;
        }
        if (t instanceof CallNotPermittedException) {
            return FailureReason.CIRCUIT_OPEN;
        }
        if (t instanceof BulkheadFullException) {
            return FailureReason.BULKHEAD_FULL;
        }
        if (t instanceof ConcurrencyLimitExceededException) {
            return FailureReason.OVERLOADED;
        }
        if (t instanceof TimeoutException) {
            return FailureReason.TIMEOUT;
        }
        if (t instanceof BackendCallException call) {
            return switch (call.kind()) {
                case STATUS -> call.status() == 404 ? FailureReason.NOT_FOUND : FailureReason.UPSTREAM_ERROR;
                case CONNECT, CONNECTION_LOST -> FailureReason.CONNECT_ERROR;
                // no connection free in our own pool in time: the composer is saturated, not the backend
                case POOL_SATURATED -> FailureReason.OVERLOADED;
                case BODY_TOO_LARGE, BAD_BODY -> FailureReason.BAD_RESPONSE;
            };
        }
        return FailureReason.UPSTREAM_ERROR;
    }

    /**
     * Whether another attempt may help: connection failures, per-attempt timeouts and 502/503/504.
     * Never 4xx, an open circuit, a full bulkhead, a bad body or a saturated local pool.
     */
    public static boolean isRetryable(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof TimeoutException) {
            return true;
        }
        if (t instanceof BackendCallException call) {
            return switch (call.kind()) {
                case STATUS -> call.status() == 502 || call.status() == 503 || call.status() == 504;
                case CONNECT, CONNECTION_LOST -> true;
                case POOL_SATURATED, BODY_TOO_LARGE, BAD_BODY -> false;
            };
        }
        return false;
    }

    /**
     * Whether the circuit breaker counts it as a failure: 5xx, timeouts, broken connections and bad
     * bodies. A 4xx, a full bulkhead or a saturated local pool say nothing about the backend's health.
     */
    public static boolean isBackendFailure(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof TimeoutException) {
            return true;
        }
        if (t instanceof BackendCallException call) {
            return switch (call.kind()) {
                case STATUS -> call.status() >= 500;
                case CONNECT, CONNECTION_LOST, BODY_TOO_LARGE, BAD_BODY -> true;
                case POOL_SATURATED -> false;
            };
        }
        return !(t instanceof BulkheadFullException || t instanceof CallNotPermittedException
                || t instanceof DeadlineExceededException || t instanceof ConcurrencyLimitExceededException);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof AttemptFailedException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

package dev.mosaic.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory.CircuitBreakerStatusCodeException;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

/**
 * What a route's circuit breaker counts as a failure: only what the upstream did, so that no client
 * can open a breaker for everyone by misbehaving.
 *
 * <p>Counted: the upstream's 5xx (when the route counts them), its timeouts (the response timeout and
 * the breaker's time limit), and failures of the connection to it (connect errors, a connection it
 * closed or reset). Everything else is <em>ignored</em>, neither failure nor success: a body over the
 * size limit, a body that stops arriving, a client that goes away ({@link IncompleteRequestException}),
 * a full bulkhead or connection pool (the gateway's own limits), any 4xx (never an exception here), and
 * anything unexpected. A client that cancels (disconnects while waiting) never reaches the breaker as
 * an error: Resilience4j releases its permission without recording a call.
 */
public final class UpstreamFaults {

    private UpstreamFaults() {
    }

    /** Whether {@code error}, raised inside a route's circuit breaker, is the upstream's fault. */
    public static boolean isUpstreamFault(Throwable error) {
        if (error instanceof IncompleteRequestException) {
            return false;
        }
        if (error instanceof CircuitBreakerStatusCodeException) {
            return true;
        }
        if (error instanceof PoolAcquireTimeoutException || error instanceof PoolAcquirePendingLimitException) {
            return false;
        }
        if (error instanceof TimeoutException) {
            return true;
        }
        if (error instanceof ResponseStatusException status && status.getStatusCode().value() == 504
                && status.getCause() instanceof org.springframework.cloud.gateway.support.TimeoutException) {
            return true;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof PrematureCloseException
                    || t instanceof AbortedException || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}

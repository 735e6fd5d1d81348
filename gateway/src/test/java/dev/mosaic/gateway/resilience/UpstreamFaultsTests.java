package dev.mosaic.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.channel.AbortedException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which errors raised inside a route's circuit breaker are the upstream's fault. */
class UpstreamFaultsTests {

    @Test
    void theUpstreamsFaultsCount() {
        // a counted 5xx (CircuitBreakerStatusCodeException, an inner class of Spring Cloud Gateway's
        // filter factory) is proven end to end: ResilienceTests opens the orders breaker with 500s
        assertThat(UpstreamFaults.isUpstreamFault(new TimeoutException("time limit"))).as("the time limit").isTrue();
        assertThat(UpstreamFaults.isUpstreamFault(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "late",
                new org.springframework.cloud.gateway.support.TimeoutException("late")))).as("the response timeout").isTrue();
        assertThat(UpstreamFaults.isUpstreamFault(new IllegalStateException(new ConnectException("refused"))))
                .as("a connect error, wrapped").isTrue();
        assertThat(UpstreamFaults.isUpstreamFault(new ConnectTimeoutException("connect timed out")))
                .as("a connect timeout").isTrue();
        assertThat(UpstreamFaults.isUpstreamFault(new IOException("Connection reset by peer"))).as("a reset").isTrue();
    }

    @Test
    void whatTheClientOrTheGatewayCausedIsIgnored() {
        assertThat(UpstreamFaults.isUpstreamFault(new IncompleteRequestException("over the limit",
                new DataBufferLimitException("1 MB")))).as("an oversized body").isFalse();
        assertThat(UpstreamFaults.isUpstreamFault(new IncompleteRequestException("gone",
                new AbortedException("Connection has been closed")))).as("a client gone mid-body").isFalse();
        assertThat(UpstreamFaults.isUpstreamFault(new DataBufferLimitException("1 MB"))).isFalse();
        assertThat(UpstreamFaults.isUpstreamFault(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("users"))))
                .as("the gateway's own bulkhead").isFalse();
        assertThat(UpstreamFaults.isUpstreamFault(new PoolAcquireTimeoutException(Duration.ofSeconds(1))))
                .as("the gateway's own connection pool").isFalse();
        assertThat(UpstreamFaults.isUpstreamFault(new ResponseStatusException(HttpStatus.BAD_REQUEST)))
                .as("a 4xx").isFalse();
        assertThat(UpstreamFaults.isUpstreamFault(new IllegalArgumentException("a bug of ours"))).isFalse();
    }
}

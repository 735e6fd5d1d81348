package dev.mosaic.gateway.resilience;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * First filter inside a route's circuit breaker: when the request has a body, it watches the body on
 * its way upstream and turns a failure the client caused into an {@link IncompleteRequestException},
 * which the breaker ignores. Two cases are the client's fault:
 * <ul>
 *   <li>the body itself failed: over the size limit, the server's request timeout, the client gone;</li>
 *   <li>the upstream call timed out while the upstream was waiting for more of the body (demand
 *       outstanding, nothing arriving): a slow upload. A timeout while the upstream did not ask for
 *       more (it stopped reading) stays the upstream's fault.</li>
 * </ul>
 * A request without a body (the common GET) goes through untouched: nothing of it can be late.
 */
public final class IncompleteRequestFilter implements GatewayFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        BodyProgress progress = new BodyProgress();
        ServerHttpRequest watched = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody()
                        .doOnRequest(progress::requested)
                        .doOnNext(buffer -> progress.received())
                        .doOnComplete(progress::completed)
                        .doOnError(progress::failed);
            }
        };
        return chain.filter(exchange.mutate().request(watched).build())
                .onErrorMap(progress::blamesTheClient, progress::incomplete);
    }

    /** Where the body is; written on the event loop, read wherever a timeout fires. */
    private static final class BodyProgress {

        private final AtomicLong outstanding = new AtomicLong();
        private volatile boolean complete;
        private volatile Throwable failure;

        void requested(long n) {
            outstanding.accumulateAndGet(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
        }

        void received() {
            outstanding.updateAndGet(current -> current == Long.MAX_VALUE ? current : Math.max(0, current - 1));
        }

        void completed() {
            complete = true;
        }

        void failed(Throwable error) {
            failure = error;
        }

        boolean blamesTheClient(Throwable error) {
            return failure != null || (!complete && outstanding.get() > 0 && isTimeout(error));
        }

        IncompleteRequestException incomplete(Throwable error) {
            return failure != null
                    ? new IncompleteRequestException("The request body failed: " + failure, failure)
                    : new IncompleteRequestException("The request body did not arrive in time", error);
        }

        private static boolean isTimeout(Throwable error) {
            return error instanceof TimeoutException
                    || (error instanceof ResponseStatusException status && status.getStatusCode().value() == 504);
        }
    }
}

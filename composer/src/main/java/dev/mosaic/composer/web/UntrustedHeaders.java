package dev.mosaic.composer.web;

import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.HttpHandlerDecoratorFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Drops what a caller must not decide, before anything reads it (the tracing filter included): the
 * W3C {@code baggage} header, whose entries a tracing library would put in every log line's MDC (a
 * client could set the request id the logs show), and an {@code X-Request-Id} that is not a plain
 * token of at most 64 characters (the gateway's rule), which would otherwise reach the logs and every
 * backend as sent.
 */
@Component
final class UntrustedHeaders implements HttpHandlerDecoratorFactory {

    static final String BAGGAGE = "baggage";
    static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern VALID_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public HttpHandler apply(HttpHandler delegate) {
        return (request, response) -> delegate.handle(clean(request), response);
    }

    static ServerHttpRequest clean(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String requestId = headers.getFirst(REQUEST_ID);
        boolean badRequestId = requestId != null
                && (headers.get(REQUEST_ID).size() > 1 || !VALID_REQUEST_ID.matcher(requestId).matches());
        if (!headers.containsHeader(BAGGAGE) && !badRequestId) {
            return request;
        }
        return request.mutate().headers(h -> {
            h.remove(BAGGAGE);
            if (badRequestId) {
                h.remove(REQUEST_ID);
            }
        }).build();
    }
}

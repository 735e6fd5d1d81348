package dev.mosaic.gateway.server;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import dev.mosaic.gateway.error.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Turns Reactor Netty's own answers to a request it could not decode (a malformed request line or
 * header: 400; a request line over {@code server.netty.max-initial-line-length}: 414; headers over
 * {@code server.max-http-request-header-size}: 431) into problem+json like every other error.
 *
 * <p>Reactor Netty writes those answers itself, before any WebFlux handler sees the request, and
 * offers no hook for their body ({@code HttpServerOperations.sendDecodingFailures}): a
 * {@code FullHttpResponse} with an empty body and exactly {@code Content-Length: 0} and
 * {@code Connection: close}. This outbound handler sits between the HTTP codec and Reactor Netty's
 * traffic handler and replaces exactly such a response; the application's own answers always carry
 * more headers (request id, security headers) and are passed through untouched. {@code instance} is
 * {@code null}: the request could not be read, so there is no path to name; {@code traceId} is a fresh
 * id (no trace was started for a request that never reached the application).
 */
@ChannelHandler.Sharable
final class DecodingFailureProblems extends ChannelOutboundHandlerAdapter {

    static final String NAME = "mosaic.decodingFailureProblems";

    static final DecodingFailureProblems INSTANCE = new DecodingFailureProblems();

    private DecodingFailureProblems() {
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof FullHttpResponse response && isDecodingFailure(response)) {
            FullHttpResponse problem = problem(response);
            response.release();
            ctx.write(problem, promise);
            return;
        }
        ctx.write(msg, promise);
    }

    static boolean isDecodingFailure(FullHttpResponse response) {
        int status = response.status().code();
        HttpHeaders headers = response.headers();
        return (status == 400 || status == 413 || status == 414 || status == 431)
                && response.content().readableBytes() == 0
                && headers.size() == 2
                && Integer.valueOf(0).equals(headers.getInt(HttpHeaderNames.CONTENT_LENGTH))
                && headers.contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
    }

    private static FullHttpResponse problem(FullHttpResponse failure) {
        HttpResponseStatus status = failure.status();
        byte[] body = json(status.code()).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse problem = new DefaultFullHttpResponse(failure.protocolVersion(), status,
                Unpooled.wrappedBuffer(body));
        problem.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return problem;
    }

    private static String json(int status) {
        String slug;
        String title;
        String detail;
        switch (status) {
            case 414 -> {
                slug = "uri-too-long";
                title = "URI Too Long";
                detail = "The request line is longer than the server accepts";
            }
            case 431 -> {
                slug = "headers-too-large";
                title = "Request Header Fields Too Large";
                detail = "The request headers are larger than the server accepts";
            }
            case 413 -> {
                slug = "request-too-large";
                title = "Content Too Large";
                detail = "The request is larger than the server accepts";
            }
            default -> {
                slug = "malformed-request";
                title = "Bad Request";
                detail = "The request could not be parsed as HTTP/1.1";
            }
        }
        // fixed texts, no escaping needed; built by hand because this runs on the event loop before
        // anything of the application exists for the request
        return "{\"type\":\"" + Problem.TYPE_BASE + slug + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\",\"instance\":null,\"traceId\":\"" + traceId() + "\"}";
    }

    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }
}

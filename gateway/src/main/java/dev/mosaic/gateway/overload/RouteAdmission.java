package dev.mosaic.gateway.overload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Set;

import com.netflix.concurrency.limits.Limiter;
import dev.mosaic.gateway.error.Problem;
import dev.mosaic.gateway.requestid.RequestIdWebFilter;
import dev.mosaic.gateway.requestid.TraceContext;
import dev.mosaic.gateway.web.CorsProperties;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The route concurrency limits at the door of each connection: sits between Reactor Netty's HTTP codec
 * and its traffic handler, asks {@link RouteConcurrencyLimits} for a slot as each request is decoded,
 * and answers a request over its route's limit itself: 503 problem+json {@code overloaded} with
 * {@code Retry-After: 1}, written before WebFlux, security, routing or logging see it. Through
 * WebFlux the same refusal cost about as much CPU as a quarter of a whole dashboard (loadtest
 * {@code overload}: at three times the capacity the refusals took the CPU the answers needed); here
 * it is a lookup and one small write.
 *
 * <p>An admitted request's slot is given back when the last part of its answer is written, so its
 * latency sample runs from the moment Netty read it, including any wait behind a busy event loop.
 * Requests and answers pair up in order on a connection (HTTP/1.1). A request pipelined behind one
 * still in flight is never refused here (its answer must wait for the one ahead): it passes uncounted.
 * {@code OPTIONS} (CORS preflights) and paths that are no route's pass uncounted too.
 *
 * <p>A refused request with a body closes the connection after the answer (the body is not read);
 * a refused {@code GET} keeps it. A cross-origin refusal carries {@code Access-Control-Allow-Origin}
 * when the origin is allowed, so that a single-page app can read the 503 and its {@code Retry-After}.
 * The request id is the caller's when valid (as {@code RequestIdWebFilter} accepts it) and the trace
 * id the caller's {@code traceparent}'s, else fresh ones. One handler per connection (not sharable);
 * everything here runs on that connection's event loop.
 */
final class RouteAdmission extends ChannelDuplexHandler {

    static final String NAME = "mosaic.routeAdmission";

    private final RouteConcurrencyLimits limits;
    private final CrossOrigin crossOrigin;

    /** The requests passed on and not yet answered, oldest first: their slot, or null when uncounted. */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>(2);
    /** The rest of a refused request's body is dropped. */
    private boolean discarding;
    /** An informational (1xx) answer is being written: its end is not the request's. */
    private boolean informational;

    RouteAdmission(RouteConcurrencyLimits limits, CrossOrigin crossOrigin) {
        this.limits = limits;
        this.crossOrigin = crossOrigin;
    }

    /**
     * Which origins may read a refusal: the edge's CORS policy ({@code mosaic.gateway.cors.*}).
     *
     * @param origins     the allowed origins, exactly as listed
     * @param credentials whether {@code Access-Control-Allow-Credentials: true} goes with them
     */
    record CrossOrigin(Set<String> origins, boolean credentials) {

        CrossOrigin {
            origins = Set.copyOf(origins);
        }

        static CrossOrigin of(CorsProperties cors) {
            return cors == null ? new CrossOrigin(Set.of(), false)
                    : new CrossOrigin(Set.copyOf(cors.allowedOrigins()), cors.allowCredentials());
        }

        boolean allows(String origin) {
            return origins.contains(origin);
        }
    }

    private static final class InFlight {
        final Limiter.Listener slot;
        int status;

        InFlight(Limiter.Listener slot) {
            this.slot = slot;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (discarding) {
            if (msg instanceof HttpContent) {
                discarding = !(msg instanceof LastHttpContent);
                ReferenceCountUtil.release(msg);
                readOn(ctx);
                return;
            }
            discarding = false;
        }
        if (msg instanceof HttpRequest request) {
            Limiter.Listener slot = null;
            String route = request.decoderResult().isSuccess() && !HttpMethod.OPTIONS.equals(request.method())
                    ? limits.routeOf(rawPath(request.uri())) : null;
            if (route != null) {
                Optional<Limiter.Listener> admitted = limits.tryAcquire(route);
                if (admitted.isEmpty() && inFlight.isEmpty()) {
                    refuse(ctx, request, route);
                    readOn(ctx);
                    return;
                }
                slot = admitted.orElse(null);
            }
            inFlight.add(new InFlight(slot));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            InFlight head = inFlight.peek();
            if (head != null && !informational) {
                head.status = response.status().code();
            }
        }
        if (msg instanceof LastHttpContent) {
            if (informational) {
                informational = false;
            } else {
                InFlight done = inFlight.poll();
                if (done != null && done.slot != null) {
                    RouteConcurrencyLimits.complete(done.slot, done.status);
                }
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        abandonAll();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        abandonAll();
    }

    private void abandonAll() {
        InFlight gone;
        while ((gone = inFlight.poll()) != null) {
            if (gone.slot != null) {
                gone.slot.onIgnore();
            }
        }
    }

    /**
     * Asks for the connection's next bytes: Reactor Netty reads a connection on demand (auto-read off),
     * and a request answered here is one the application never asks past.
     */
    private static void readOn(ChannelHandlerContext ctx) {
        if (!ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    private void refuse(ChannelHandlerContext ctx, HttpRequest request, String route) {
        boolean hasBody = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        boolean keepAlive = HttpUtil.isKeepAlive(request) && !hasBody;
        if (!(request instanceof LastHttpContent)) {
            discarding = true;
        }
        ReferenceCountUtil.release(request);

        HttpHeaders incoming = request.headers();
        String requestId = RequestIdWebFilter.accept(incoming.get(RequestIdWebFilter.REQUEST_ID));
        String traceId = TraceContext.from(incoming.get(TraceContext.TRACEPARENT)).traceId();
        byte[] body = json(rawPath(request.uri()), route, traceId).getBytes(StandardCharsets.UTF_8);

        FullHttpResponse refusal = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.SERVICE_UNAVAILABLE, Unpooled.wrappedBuffer(body));
        HttpHeaders headers = refusal.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.RETRY_AFTER, "1")
                .set(RequestIdWebFilter.REQUEST_ID, requestId)
                .set(RequestIdWebFilter.TRACE_ID, traceId)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer");
        String origin = incoming.get(HttpHeaderNames.ORIGIN);
        if (origin != null) {
            headers.set(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
            if (crossOrigin.allows(origin)) {
                headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                        .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After, X-Request-Id, X-Trace-Id");
                if (crossOrigin.credentials()) {
                    headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
                }
            }
        }
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(refusal).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.writeAndFlush(refusal);
        }
    }

    /** The path of a request target: origin-form {@code /p?q}, or absolute-form {@code http://h/p?q}. */
    static String rawPath(String uri) {
        int start = 0;
        if (!uri.startsWith("/")) {
            int scheme = uri.indexOf("://");
            int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "/";
            }
            start = slash;
        }
        int end = uri.length();
        int query = uri.indexOf('?', start);
        if (query >= 0) {
            end = query;
        }
        int fragment = uri.indexOf('#', start);
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        return uri.substring(start, end);
    }

    private static String json(String path, String route, String traceId) {
        // the route id, the trace id and the texts are ours; the path is the caller's, quoted by Jackson
        StringBuilder instance = new StringBuilder(path.length() + 8);
        JsonStringEncoder.getInstance().quoteAsString(path, instance);
        return "{\"type\":\"" + Problem.TYPE_BASE + "overloaded\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"The gateway is at its concurrency limit for this route (" + route
                + "); try again shortly.\",\"instance\":\"" + instance + "\",\"traceId\":\"" + traceId + "\"}";
    }
}

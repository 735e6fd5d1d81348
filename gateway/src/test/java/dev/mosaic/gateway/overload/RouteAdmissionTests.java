package dev.mosaic.gateway.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.netflix.concurrency.limits.Limiter;
import dev.mosaic.compositions.Compositions;
import dev.mosaic.gateway.composition.CompositionRoutes;
import dev.mosaic.gateway.routing.EdgeRoutes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

/**
 * The door's decisions on one connection (Netty's {@link EmbeddedChannel}: the handler between a
 * stand-in for the codec and a stand-in for WebFlux that records what it was given). The users route
 * has a fixed limit of one, so the test decides when it is full.
 */
class RouteAdmissionTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RouteConcurrencyLimits limits = new RouteConcurrencyLimits(
            new RouteConcurrencyLimitProperties(true, RouteConcurrencyLimitProperties.Algorithm.GRADIENT2, 1024, 256,
                    8192, Map.of("users", new RouteConcurrencyLimitProperties.RouteLimit(1, null, null, null, null))),
            new EdgeRoutes(new CompositionRoutes(Compositions.load(null, java.util.List.of()))), meters);

    private final List<HttpObject> passedOn = new ArrayList<>();

    private EmbeddedChannel connection(String... allowedOrigins) {
        RouteAdmission.CrossOrigin cors = new RouteAdmission.CrossOrigin(Set.of(allowedOrigins), false);
        return new EmbeddedChannel(new RouteAdmission(limits, cors), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                passedOn.add((HttpObject) msg);
            }
        });
    }

    private static HttpRequest get(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    private static void answer(EmbeddedChannel channel, HttpResponseStatus status) {
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status));
        channel.readOutbound();
    }

    private double rejected(String route) {
        return meters.get("mosaic.gateway.concurrency.rejected").tag("route", route).counter().count();
    }

    private double inFlight(String route) {
        return meters.get("mosaic.gateway.concurrency.in.flight").tag("route", route).gauge().value();
    }

    @Test
    void overTheLimitTheDoorAnswers503ProblemItselfAndKeepsTheConnection() {
        EmbeddedChannel first = connection();
        first.writeInbound(get("/api/users/u-1"));
        EmbeddedChannel second = connection();

        HttpRequest refused = get("/api/users/u-1?x=1");
        refused.headers().set("X-Request-Id", "abc-123")
                .set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        second.writeInbound(refused);

        FullHttpResponse response = second.readOutbound();
        assertThat(response.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(response.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("1");
        assertThat(response.headers().get("X-Request-Id")).isEqualTo("abc-123");
        assertThat(response.headers().get("X-Trace-Id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(response.headers().contains(HttpHeaderNames.CONNECTION)).isFalse();
        assertThat(response.content().toString(StandardCharsets.UTF_8))
                .contains("\"type\":\"https://mosaic.dev/problems/overloaded\"")
                .contains("\"instance\":\"/api/users/u-1\"")
                .contains("\"traceId\":\"0af7651916cd43dd8448eb211c80319c\"");
        response.release();
        assertThat(passedOn).as("only the first connection's request went on").hasSize(1);
        assertThat(second.isActive()).isTrue();
        assertThat(rejected("users")).isEqualTo(1);

        answer(first, HttpResponseStatus.OK);
        assertThat(inFlight("users")).as("the answer's end gives the slot back").isZero();
        second.writeInbound(get("/api/users/u-1"));
        assertThat(passedOn).hasSize(2);
    }

    @Test
    void aRefusedRequestWithABodyClosesTheConnectionAndItsBodyIsDropped() {
        EmbeddedChannel first = connection();
        first.writeInbound(get("/api/users/u-1"));
        EmbeddedChannel second = connection();
        HttpRequest upload = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/users/u-1");
        upload.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 5);
        DefaultHttpContent part = new DefaultHttpContent(Unpooled.copiedBuffer("hel", StandardCharsets.UTF_8));

        second.writeInbound(upload, part, LastHttpContent.EMPTY_LAST_CONTENT);

        FullHttpResponse response = second.readOutbound();
        assertThat(response.status().code()).isEqualTo(503);
        assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        response.release();
        assertThat(part.refCnt()).as("the body was released, not passed on").isZero();
        assertThat(passedOn).hasSize(1);
        assertThat(second.isOpen()).isFalse();
    }

    @Test
    void aRequestPipelinedBehindOneInFlightIsNeverRefusedHere() {
        EmbeddedChannel other = connection();
        other.writeInbound(get("/api/users/u-1")); // takes the one slot
        EmbeddedChannel pipelined = connection();
        pipelined.writeInbound(get("/api/orders?userId=u-1")); // another route: admitted

        pipelined.writeInbound(get("/api/users/u-1")); // over the limit, but behind the orders request

        assertThat((Object) pipelined.readOutbound()).as("no refusal could go out ahead of the first answer").isNull();
        assertThat(passedOn).hasSize(3);
        answer(pipelined, HttpResponseStatus.OK);
        answer(pipelined, HttpResponseStatus.OK); // the uncounted one: nothing to give back
        answer(other, HttpResponseStatus.OK);
        assertThat(inFlight("users")).isZero();
        assertThat(inFlight("orders")).isZero();
    }

    @Test
    void anInformationalAnswerDoesNotEndTheRequestAndAGoneClientGivesItsSlotBack() {
        EmbeddedChannel channel = connection();
        channel.writeInbound(get("/api/users/u-1"));

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        channel.readOutbound();
        assertThat(inFlight("users")).as("100 Continue is not the answer").isEqualTo(1);

        channel.close();
        assertThat(inFlight("users")).isZero();
    }

    @Test
    void theEndOfAStreamedAnswerGivesTheSlotBack() {
        EmbeddedChannel channel = connection();
        channel.writeInbound(get("/api/users/u-1"));

        channel.writeOutbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        assertThat(inFlight("users")).isEqualTo(1);
        channel.writeOutbound(new DefaultHttpContent(Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8)),
                LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(inFlight("users")).isZero();
    }

    @Test
    void preflightsAndPathsOfNoRouteAreNeverCounted() {
        EmbeddedChannel holder = connection();
        holder.writeInbound(get("/api/users/u-1"));
        EmbeddedChannel channel = connection();

        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.OPTIONS, "/api/users/u-1"));
        answer(channel, HttpResponseStatus.OK);
        channel.writeInbound(get("/no-such-route"));

        assertThat(passedOn).hasSize(3);
        assertThat(rejected("users")).isZero();
    }

    @Test
    void aCrossOriginRefusalNamesAnAllowedOriginOnly() {
        connection().writeInbound(get("/api/users/u-1"));
        EmbeddedChannel spa = connection("https://app.example.com");
        HttpRequest allowed = get("/api/users/u-1");
        allowed.headers().set(HttpHeaderNames.ORIGIN, "https://app.example.com");
        HttpRequest other = get("/api/users/u-1");
        other.headers().set(HttpHeaderNames.ORIGIN, "https://evil.example");

        spa.writeInbound(allowed);
        FullHttpResponse readable = spa.readOutbound();
        spa.writeInbound(other);
        FullHttpResponse opaque = spa.readOutbound();

        assertThat(readable.headers().get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://app.example.com");
        assertThat(readable.headers().get(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS)).contains("Retry-After");
        assertThat(opaque.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        assertThat(opaque.headers().get(HttpHeaderNames.VARY)).isEqualTo("origin");
        readable.release();
        opaque.release();
    }

    @Test
    void aSamplesStatusDecidesWhatTheLimitLearns() {
        List<String> seen = new ArrayList<>();
        Limiter.Listener listener = new Limiter.Listener() {
            @Override
            public void onSuccess() {
                seen.add("success");
            }

            @Override
            public void onIgnore() {
                seen.add("ignore");
            }

            @Override
            public void onDropped() {
                seen.add("dropped");
            }
        };
        for (int status : new int[] {200, 304, 502, 504, 401, 429, 404, 0}) {
            RouteConcurrencyLimits.complete(listener, status);
        }
        assertThat(seen).containsExactly("success", "success", "success", "dropped", "ignore", "ignore", "ignore",
                "ignore");
    }

    @Test
    void theRefusalsInstanceIsTheCallersPathQuoted() {
        connection().writeInbound(get("/api/users/u-1"));
        EmbeddedChannel channel = connection();

        channel.writeInbound(get("/api/users/a%22b\"c"));

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("\"instance\":\"/api/users/a%22b\\\"c\"");
        response.release();
    }

    @Test
    void theRequestTargetsPathIsReadWithoutItsQueryOrScheme() {
        assertThat(RouteAdmission.rawPath("/api/users/u-1?x=1#f")).isEqualTo("/api/users/u-1");
        assertThat(RouteAdmission.rawPath("http://edge:8080/api/users/u-1?x")).isEqualTo("/api/users/u-1");
        assertThat(RouteAdmission.rawPath("http://edge:8080")).isEqualTo("/");
    }
}

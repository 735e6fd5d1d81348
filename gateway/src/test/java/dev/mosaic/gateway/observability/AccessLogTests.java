package dev.mosaic.gateway.observability;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;

import dev.mosaic.gateway.support.GatewayIntegrationTest;
import dev.mosaic.gateway.support.RawHttp;
import dev.mosaic.gateway.support.TestTokens;
import dev.mosaic.logging.BatchingAsyncAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** One access-log line per request, proxied or answered by the gateway itself, and never a token. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTests extends GatewayIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void proxiedRequestIsLoggedExactlyOnceWithRouteStatusDurationAndIds(CapturedOutput output) {
        backends().stubFor(get(urlPathEqualTo("/orders")).willReturn(okJson("{}")));
        String token = TestTokens.valid("u-1");

        String traceId = client.get().uri("/api/orders?userId=u-1&limit=7").header(HttpHeaders.AUTHORIZATION, bearer(token))
                .header("X-Request-Id", "access-200").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");

        String line = theOneAccessLine(output, "access-200");
        assertThat(line).contains("method=GET", "route=orders", "path=/api/orders ",
                "status=200", "requestId=access-200", "traceId=" + traceId)
                .containsPattern("durationMs=\\d+")
                .doesNotContain("limit=7", "userId=", token, "Bearer");
    }

    @Test
    void unauthorizedRequestIsLoggedExactlyOnceWithoutItsToken(CapturedOutput output) {
        String forged = TestTokens.badSignature("u-1");

        String traceId = client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(forged))
                .header("X-Request-Id", "access-401").exchange()
                .expectStatus().isUnauthorized()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");

        String line = theOneAccessLine(output, "access-401");
        assertThat(line).contains("method=GET", "route=users", "path=/api/users/u-1 ", "status=401",
                "traceId=" + traceId);
        assertThat(output.getAll()).as("no token anywhere in the log").doesNotContain(forged, "Bearer");
    }

    @Test
    void aCompositionsUnauthorizedRequestIsLoggedUnderItsRoute(CapturedOutput output) {
        client.get().uri("/api/order-detail/o-1").header("X-Request-Id", "access-composition-401").exchange()
                .expectStatus().isUnauthorized();

        assertThat(theOneAccessLine(output, "access-composition-401"))
                .contains("route=composition-order-detail", "path=/api/order-detail/o-1 ", "status=401");
    }

    @Test
    void requestNoRouteMatchesIsLoggedWithRouteNone(CapturedOutput output) {
        client.get().uri("/nowhere").header("X-Request-Id", "access-404").exchange()
                .expectStatus().isNotFound();

        assertThat(theOneAccessLine(output, "access-404")).contains("route=none", "path=/nowhere ", "status=404");
    }

    @Test
    void everyLineOfARequestCarriesTraceSpanAndRequestIdInTheCorrelationPattern(CapturedOutput output) {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}")));

        String traceId = client.get().uri("/api/users/u-1").header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid("u-1")))
                .header("X-Request-Id", "access-mdc").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("X-Trace-Id");

        // the pattern's [traceId,spanId,requestId], or the same MDC entries as fields when another test
        // class switched the (JVM-wide) console format to JSON before this one ran
        assertThat(theOneAccessLine(output, "access-mdc")).satisfiesAnyOf(
                line -> assertThat(line).containsPattern("\\[" + traceId + ",[0-9a-f]{16},access-mdc\\]"),
                line -> assertThat(line).contains("\"traceId\":\"" + traceId + "\"", "\"requestId\":\"access-mdc\"")
                        .containsPattern("\"spanId\":\"[0-9a-f]{16}\""));
    }

    @Test
    void aClientThatLeavesBeforeTheAnswerIsLoggedAs499AndTimedWithStatusUnknown(CapturedOutput output)
            throws Exception {
        backends().stubFor(get(urlEqualTo("/users/u-1")).willReturn(okJson("{}").withFixedDelay(1500)));
        double before = abortedCount();

        try (Socket socket = RawHttp.connect(port, Duration.ofSeconds(5))) {
            RawHttp.send(socket, "GET /api/users/u-1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestTokens.valid("u-1") + "\r\nX-Request-Id: access-499\r\n\r\n");
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> !backends().findAll(getRequestedFor(urlEqualTo("/users/u-1"))).isEmpty());
        }

        assertThat(theOneAccessLine(output, "access-499")).contains("route=users", "status=499");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> abortedCount() > before);
    }

    private double abortedCount() {
        var timer = meters.find("http.server.requests").tags("route", "users", "status", "UNKNOWN", "outcome", "UNKNOWN")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void theEventLoopsOnlyQueueLinesAndAWorkerWritesTheConsole() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);

        assertThat(appenders).as("nothing on the root writes on the caller's thread")
                .noneMatch(appender -> appender instanceof OutputStreamAppender);
        assertThat(appenders).anySatisfy(appender -> assertThat(appender)
                .isInstanceOfSatisfying(BatchingAsyncAppender.class, async -> {
                    assertThat(async.isStarted()).isTrue();
                    assertThat(async.getAppender("CONSOLE")).isInstanceOf(ConsoleAppender.class);
                }));
    }

    /** Waits for the request's line (written when the exchange completes) and checks there is one only. */
    static String theOneAccessLine(CapturedOutput output, String requestId) {
        Awaitility.await("access log line of " + requestId).atMost(Duration.ofSeconds(5))
                .until(() -> accessLines(output, requestId).size() >= 1);
        List<String> lines = accessLines(output, requestId);
        assertThat(lines).as("access log lines for request " + requestId).hasSize(1);
        return lines.get(0);
    }

    private static List<String> accessLines(CapturedOutput output, String requestId) {
        return output.getOut().lines()
                .filter(line -> line.contains("dev.mosaic.gateway.access") && line.contains("requestId=" + requestId + " "))
                .toList();
    }
}

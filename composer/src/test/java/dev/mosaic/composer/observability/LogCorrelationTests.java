package dev.mosaic.composer.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;

import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import dev.mosaic.logging.BatchingAsyncAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A line logged inside the reactive chain of a request (a degraded section's WARN, written on
 * whichever event loop the section finished) carries that request's trace id, a span id and the
 * gateway's request id.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogCorrelationTests extends ComposerIntegrationTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

    @Test
    void logsADegradedSectionWithTraceIdSpanIdAndRequestId(CapturedOutput output) {
        String user = freshUser();
        Backends.stub(get(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(500)));

        client.get().uri("/dashboard/{id}", user).header("traceparent", TRACEPARENT)
                .header("X-Request-Id", "req-log-7").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Degraded-Sections", "orders");

        String line = await().atMost(Duration.ofSeconds(5))
                .until(() -> lineWith(output, "req-log-7"), l -> l != null);
        assertThat(line)
                .contains("Section orders FAILED (UPSTREAM_ERROR)")
                .contains("WARN")
                .contains(TRACE_ID)
                .contains("req-log-7")
                .as("a 16-hex span id").containsPattern("[^0-9a-f][0-9a-f]{16}[^0-9a-f]");
    }

    @Test
    void aClientsBaggageNeverSetsTheRequestIdOfTheLogsNorReachesABackend(CapturedOutput output) {
        String user = freshUser();
        Backends.stub(get(urlPathEqualTo("/orders")).willReturn(aResponse().withStatus(500)));

        client.get().uri("/dashboard/{id}", user).header("baggage", "X-Request-Id=forged-by-baggage")
                .header("X-Request-Id", "bad id with spaces").exchange()
                .expectStatus().isOk();

        // the degraded section's WARN is written; it names neither the forged nor the invalid id
        await().atMost(Duration.ofSeconds(5))
                .until(() -> lineWith(output, "Section orders FAILED") != null);
        LoggerFactory.getLogger(LogCorrelationTests.class).info("marker after the forged baggage");
        await().atMost(Duration.ofSeconds(5)).until(() -> lineWith(output, "marker after the forged baggage") != null);
        assertThat(output.getAll()).doesNotContain("forged-by-baggage").doesNotContain("bad id with spaces");
        assertThat(Backends.requests("/users/.+").stream().filter(r -> r.getUrl().contains(user)))
                .singleElement().satisfies(r -> {
                    assertThat(r.getHeaders().getHeader("baggage").isPresent()).isFalse();
                    assertThat(r.getHeaders().getHeader("X-Request-Id").isPresent()).isFalse();
                });
    }

    @Test
    void logsNothingForAHealthyDashboard(CapturedOutput output) {
        String user = freshUser();
        client.get().uri("/dashboard/{id}", user).header("X-Request-Id", "req-healthy-1").exchange()
                .expectStatus().isOk();

        // lines are written in order by one worker: once a line logged afterwards is out, so is the request's
        LoggerFactory.getLogger(LogCorrelationTests.class).info("marker after req-healthy-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> lineWith(output, "marker after req-healthy-1") != null);
        assertThat(output.getAll().lines().filter(line -> line.contains("req-healthy-1")))
                .singleElement().asString().contains("marker after");
    }

    @Test
    void sectionLinesAreQueuedAndWrittenByAWorkerNotByTheEventLoops() {
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

    static String lineWith(CapturedOutput output, String text) {
        return output.getAll().lines().filter(l -> l.contains(text)).findFirst().orElse(null);
    }
}

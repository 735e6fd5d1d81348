package dev.mosaic.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.mock.env.MockEnvironment;

/** Log lines are written by one worker thread, never by the thread that logs, and none is lost. */
class AsyncLogWritingTests {

    private final LoggerContext context = new LoggerContext();
    private final RecordingStream written = new RecordingStream();

    AsyncLogWritingTests() {
        context.setMDCAdapter(MDC.getMDCAdapter()); // the adapter org.slf4j.MDC writes to
    }

    @AfterEach
    void stop() {
        written.release();
        context.stop();
    }

    @Test
    void linesAreWrittenByTheWorkerWithTheLoggingThreadsMdc() {
        OutputStreamAppender<ILoggingEvent> console = writer("CONSOLE", "%thread %X{requestId} %m%n");
        AsyncLogWriting.wrapRootAppenders(context, 256, false, 20);

        MDC.put("requestId", "r-1");
        try {
            context.getLogger("dev.mosaic.access").info("status=200");
        } finally {
            MDC.remove("requestId");
        }

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> written.text().contains("status=200"));
        assertThat(written.text()).isEqualTo(Thread.currentThread().getName() + " r-1 status=200\n");
        assertThat(written.writerThreads()).allSatisfy(thread -> assertThat(thread)
                .isNotEqualTo(Thread.currentThread().getName())
                .startsWith(BatchingAsyncAppender.WORKER_PREFIX + "ASYNC_CONSOLE"));
        assertThat(rootAppenders()).singleElement().isInstanceOfSatisfying(BatchingAsyncAppender.class, async -> {
            assertThat(async.getName()).isEqualTo("ASYNC_CONSOLE");
            assertThat(async.getAppender("CONSOLE")).isSameAs(console);
            assertThat(async.isStarted()).isTrue();
        });
    }

    @Test
    void aFullQueueKeepsEveryLineInOrder() throws Exception {
        writer("CONSOLE", "%m%n");
        AsyncLogWriting.wrapRootAppenders(context, 10, false, 20);
        written.hold();

        Logger log = context.getLogger("test");
        CompletableFuture<Void> logging = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 50; i++) {
                log.info("line-{}", i);
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(written::isHeld);
        assertThat(logging).as("the logger waits while the writer is stuck and the queue is full").isNotDone();

        written.release();
        logging.get(5, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> written.text().lines().count() == 50);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("line-" + i);
        }
        assertThat(written.text().lines()).containsExactlyElementsOf(expected);
    }

    @Test
    void switchedOffLeavesBootsAppendersAlone() {
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> before = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(before::add);

        new AsyncLogWriting().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
                new SpringApplication(), new String[0], new MockEnvironment().withProperty(AsyncLogWriting.ENABLED, "false")));

        List<Appender<ILoggingEvent>> after = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(after::add);
        assertThat(after).containsExactlyElementsOf(before);
    }

    @Test
    void anAppenderThatCannotStartLeavesTheWriterInPlace() {
        OutputStreamAppender<ILoggingEvent> console = writer("CONSOLE", "%m%n");

        AsyncLogWriting.wrapRootAppenders(context, 0, false, 20);
        context.getLogger("test").info("still written");

        assertThat(rootAppenders()).containsExactly(console);
        assertThat(written.text()).isEqualTo("still written\n");
    }

    @Test
    void appendersThatDoNotWriteAreLeftOnTheRoot() {
        writer("CONSOLE", "%m%n");
        BatchingAsyncAppender alreadyAsync = new BatchingAsyncAppender();
        alreadyAsync.setContext(context);
        alreadyAsync.setName("OTHER");
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(alreadyAsync);

        AsyncLogWriting.wrapRootAppenders(context, 256, false, 20);

        assertThat(rootAppenders()).extracting(Appender::getName).containsExactlyInAnyOrder("OTHER", "ASYNC_CONSOLE");
    }

    @Test
    void aQuarterOfTheQueueWakesTheWriterBeforeItsFlushInterval() {
        writer("CONSOLE", "%m%n");
        // an hour between flushes: only the queue filling up can get these lines written now
        AsyncLogWriting.wrapRootAppenders(context, 8, false, Duration.ofHours(1).toMillis());

        Logger log = context.getLogger("test");
        log.info("first");
        log.info("second");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> written.text().lines().count() == 2);
        assertThat(written.text()).isEqualTo("first\nsecond\n");
    }

    @Test
    void stoppingWritesWhatIsQueued() {
        writer("CONSOLE", "%m%n");
        AsyncLogWriting.wrapRootAppenders(context, 256, false, Duration.ofHours(1).toMillis());

        context.getLogger("test").info("the last words");
        rootAppenders().forEach(Appender::stop);

        assertThat(written.text()).isEqualTo("the last words\n");
    }

    @Test
    void theFlushIntervalIsAPropertyInBootsDurationFormat() {
        assertThat(AsyncLogWriting.flushInterval(new MockEnvironment())).isEqualTo(Duration.ofMillis(20));
        assertThat(AsyncLogWriting.flushInterval(new MockEnvironment().withProperty(AsyncLogWriting.FLUSH_INTERVAL, "5ms")))
                .isEqualTo(Duration.ofMillis(5));
        assertThat(AsyncLogWriting.flushInterval(new MockEnvironment().withProperty(AsyncLogWriting.FLUSH_INTERVAL, "1s")))
                .isEqualTo(Duration.ofSeconds(1));
    }

    private OutputStreamAppender<ILoggingEvent> writer(String name, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }

    private List<Appender<ILoggingEvent>> rootAppenders() {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders;
    }

    /** Keeps what is written and by which thread; can be made to hang like a stuck pipe. */
    private static final class RecordingStream extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<String> threads = new CopyOnWriteArrayList<>();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile boolean held;

        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        boolean isHeld() {
            return held;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            threads.add(Thread.currentThread().getName());
            held = gate.getCount() > 0;
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held = false;
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        List<String> writerThreads() {
            return threads;
        }
    }
}

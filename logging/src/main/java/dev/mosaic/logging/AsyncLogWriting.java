package dev.mosaic.logging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Takes log writing off the threads that log. Spring Boot's Logback console (and file) appender
 * writes each line to {@code System.out} on the calling thread, and in Mosaic's reactive services
 * that is an event loop: the gateway's access line once per request, the composer's section line
 * once per degraded section while a backend is down. Right after Boot has configured Logback
 * (whatever the format, pattern or structured JSON), every {@link OutputStreamAppender} on the root
 * logger is put behind a {@link BatchingAsyncAppender}: the event loop only fills in the message and
 * enqueues the event (with its MDC and thread name captured), without waking anyone; one worker thread
 * wakes every {@value #FLUSH_INTERVAL} (default {@value #DEFAULT_FLUSH_INTERVAL_MILLIS} ms, sooner
 * when a quarter of the queue is taken) and encodes (pattern or JSON) and writes what is queued, in order.
 *
 * <p>No line is dropped: a full queue makes the logging thread wait, as the synchronous appender
 * always did (set {@value #NEVER_BLOCK}{@code =true} to drop lines instead). The queue is flushed
 * on shutdown for up to {@value #FLUSH_MILLIS} ms. {@value #ENABLED}{@code =false} keeps Boot's
 * synchronous appenders.
 *
 * <p>Registered in this jar's {@code META-INF/spring.factories}, so it runs for every Spring
 * application that has the jar on its class path, tests included, after each time Boot
 * (re)initialises logging.
 */
public final class AsyncLogWriting implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    public static final String ENABLED = "mosaic.logging.async.enabled";
    public static final String QUEUE_SIZE = "mosaic.logging.async.queue-size";
    public static final String NEVER_BLOCK = "mosaic.logging.async.never-block";
    public static final String FLUSH_INTERVAL = "mosaic.logging.async.flush-interval";
    /** How late a line may reach the console, at most, when the queue is not filling up. */
    static final long DEFAULT_FLUSH_INTERVAL_MILLIS = 20;
    /** Events waiting to be written, at most (a few MB of lines). */
    static final int DEFAULT_QUEUE_SIZE = 8192;
    static final int FLUSH_MILLIS = 1000;
    static final String NAME_PREFIX = "ASYNC_";

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment environment = event.getEnvironment();
        if (!environment.getProperty(ENABLED, Boolean.class, true)
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        wrapRootAppenders(context, environment.getProperty(QUEUE_SIZE, Integer.class, DEFAULT_QUEUE_SIZE),
                environment.getProperty(NEVER_BLOCK, Boolean.class, false), flushInterval(environment).toMillis());
    }

    static Duration flushInterval(Environment environment) {
        String interval = environment.getProperty(FLUSH_INTERVAL);
        return interval == null ? Duration.ofMillis(DEFAULT_FLUSH_INTERVAL_MILLIS) : DurationStyle.detectAndParse(interval);
    }

    /** Puts each writing appender of the root logger behind its own started {@link BatchingAsyncAppender}. */
    static void wrapRootAppenders(LoggerContext context, int queueSize, boolean neverBlock, long flushIntervalMillis) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> writers = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof OutputStreamAppender) {
                writers.add(appender);
            }
        });
        for (Appender<ILoggingEvent> writer : writers) {
            BatchingAsyncAppender async = new BatchingAsyncAppender();
            async.setContext(context);
            async.setName(NAME_PREFIX + writer.getName());
            async.setQueueSize(queueSize);
            async.setNeverBlock(neverBlock);
            async.setFlushIntervalMillis(flushIntervalMillis);
            async.setMaxFlushMillis(FLUSH_MILLIS);
            async.addAppender(writer);
            async.start();
            if (!async.isStarted()) {
                // e.g. a queue size below 1: Logback says why on its status console; keep writing in place
                continue;
            }
            // attach before detaching: a line logged in between is written twice rather than lost
            root.addAppender(async);
            root.detachAppender(writer);
        }
    }
}

package dev.mosaic.logging;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;

/**
 * Queues log events on the thread that logs and writes them, in order, in batches on one worker thread
 * that wakes every flush interval, or at once when a quarter of the queue is taken.
 *
 * <p>Logback's own {@code AsyncAppender} wakes its worker for every event: at one access line per
 * request that is a futex wake-up and a context switch per request (the wake-up and the worker's
 * parking were about 3 % of the gateway's CPU samples in a profile, docs/benchmarks.md).
 * Here a logging thread only takes the queue's uncontended lock: the worker is parked on its own timer,
 * never on the queue, so nobody is woken. The price is that a line reaches the console up to one flush
 * interval late, as with Envoy's access-log flush interval or Log4j 2's timeout wait strategy.
 *
 * <p>The guarantees of {@code AsyncAppender} as {@link AsyncLogWriting} configured it stay: the
 * event's MDC, thread name and message are captured on the logging thread; no event is dropped unless
 * {@code neverBlock} is set (a full queue makes the logging thread wait for room); {@link #stop()}
 * writes what is queued for up to the given flush time.
 */
public final class BatchingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {

    /** The worker threads' names start with this, then the appender's name. */
    public static final String WORKER_PREFIX = "mosaic-log-writer-";
    private static final int MAX_BATCH = 1024;

    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private int queueSize = AsyncLogWriting.DEFAULT_QUEUE_SIZE;
    private long flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(AsyncLogWriting.DEFAULT_FLUSH_INTERVAL_MILLIS);
    private int maxFlushMillis = AsyncLogWriting.FLUSH_MILLIS;
    private boolean neverBlock;
    private ArrayBlockingQueue<ILoggingEvent> queue;
    private int wakeAt;
    private Thread worker;
    private volatile boolean running;

    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    public void setFlushIntervalMillis(long millis) {
        this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    public void setMaxFlushMillis(int millis) {
        this.maxFlushMillis = millis;
    }

    public void setNeverBlock(boolean neverBlock) {
        this.neverBlock = neverBlock;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (queueSize < 1) {
            addError("Invalid queue size [" + queueSize + "]");
            return;
        }
        if (flushIntervalNanos <= 0) {
            addError("Invalid flush interval [" + TimeUnit.NANOSECONDS.toMillis(flushIntervalNanos) + " ms]");
            return;
        }
        if (!appenders.iteratorForAppenders().hasNext()) {
            addError("No appender to write to");
            return;
        }
        queue = new ArrayBlockingQueue<>(queueSize);
        wakeAt = Math.max(1, queueSize / 4);
        running = true;
        worker = new Thread(this::writeUntilStopped, WORKER_PREFIX + getName());
        worker.setDaemon(true);
        worker.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!running) {
            return;
        }
        event.prepareForDeferredProcessing();
        if (queue.offer(event)) {
            if (queue.size() >= wakeAt) {
                LockSupport.unpark(worker);
            }
            return;
        }
        if (neverBlock) {
            return;
        }
        LockSupport.unpark(worker);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    queue.put(event);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeUntilStopped() {
        List<ILoggingEvent> batch = new ArrayList<>(Math.min(queueSize, MAX_BATCH));
        while (running) {
            if (queue.drainTo(batch, MAX_BATCH) == 0) {
                LockSupport.parkNanos(this, flushIntervalNanos);
                continue;
            }
            write(batch);
        }
        // stopped: what is still queued is written, until it is all out or the flush time is over
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxFlushMillis);
        while (System.nanoTime() < deadline && queue.drainTo(batch, MAX_BATCH) > 0) {
            write(batch);
        }
        if (!queue.isEmpty()) {
            addWarn("Dropped " + queue.size() + " log events that were not written within " + maxFlushMillis + " ms of stopping");
        }
    }

    private void write(List<ILoggingEvent> batch) {
        for (ILoggingEvent event : batch) {
            try {
                appenders.appendLoopOnAppenders(event);
            } catch (RuntimeException e) {
                addError("Could not write a log event", e);
            }
        }
        batch.clear();
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        running = false;
        LockSupport.unpark(worker);
        try {
            worker.join(maxFlushMillis + 100L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}

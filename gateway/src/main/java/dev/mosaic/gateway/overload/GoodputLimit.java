package dev.mosaic.gateway.overload;

import com.netflix.concurrency.limits.limit.AbstractLimit;

/**
 * A limit from Little's law: as many requests in flight as the route answers in one latency target,
 * {@code answers per second × latency-target}, measured again every {@code window}. When the route is
 * saturated its answers per second are what the stack can do, so the requests it admits wait about the
 * target and no more, whatever the machine's speed; when it is not, the limit is its load times the
 * target, above what is in flight as long as answers come back within the target.
 *
 * <p>It is right after one window whatever it held before: a limit too low for the stack answers as
 * fast as it can and the next limit is {@code target / latency} times higher; a limit too high waits
 * longer than the target and the next one is lower by the same ratio. The latency- and
 * queue-estimating algorithms correct by a step per answer or per round trip instead, so a limit
 * learnt on a fast machine, or before the stack slowed, stays wrong for as long as it takes to walk it
 * back (loadtest {@code overload}, docs/resilience.md). Only answers count: a drop (a 504) or an
 * ignored sample adds nothing, so a route that times out holds fewer.
 *
 * <p>Times are {@link System#nanoTime()}'s, as the limiter's samples give them; nothing here reads a
 * clock. A window with no answer changes nothing until an answer ends it.
 */
final class GoodputLimit extends AbstractLimit {

    private final long targetNanos;
    private final long windowNanos;
    private final int minLimit;
    private final int maxLimit;

    private boolean started;
    private long windowStart;
    private int answers;

    GoodputLimit(int initialLimit, int minLimit, int maxLimit, long targetNanos, long windowNanos) {
        super(initialLimit);
        if (minLimit < 1 || minLimit > initialLimit || initialLimit > maxLimit) {
            throw new IllegalArgumentException("needs 1 <= min-limit <= initial-limit <= max-limit");
        }
        if (targetNanos <= 0 || windowNanos <= 0) {
            throw new IllegalArgumentException("needs a positive latency target and window");
        }
        this.targetNanos = targetNanos;
        this.windowNanos = windowNanos;
        this.minLimit = minLimit;
        this.maxLimit = maxLimit;
    }

    @Override
    protected int _update(long startTime, long rtt, int inflight, boolean didDrop) {
        long end = startTime + rtt;
        if (!started) {
            started = true;
            windowStart = end;
        }
        if (!didDrop) {
            answers++;
        }
        long elapsed = end - windowStart;
        if (elapsed < windowNanos) {
            return getLimit();
        }
        // answers per nanosecond x target: the requests one target's time holds at this rate
        double limit = (double) answers * targetNanos / elapsed;
        windowStart = end;
        answers = 0;
        return (int) Math.max(minLimit, Math.min(maxLimit, Math.round(limit)));
    }

    @Override
    public String toString() {
        return "GoodputLimit [limit=" + getLimit() + ", target=" + targetNanos + "ns, window=" + windowNanos + "ns]";
    }
}

package dev.mosaic.composer.client;

import java.util.function.LongSupplier;

import reactor.util.context.ContextView;

/**
 * The moment one attempt's request is handed to the network, after a pooled connection was acquired
 * (or opened). The per-attempt timeout runs from here, not from subscription: time a request spends
 * waiting inside the composer (for a connection, behind a busy event loop) is the composer's own
 * queueing, and must not be blamed on the backend and counted against its circuit.
 *
 * <p>A {@link BackendClient} calls {@link #mark(ContextView)} with the attempt's subscriber context
 * when it sends; whoever times the attempt puts a fresh instance in that context ({@link #KEY}).
 */
public final class RequestSent {

    /** The Reactor context key of an attempt's instance. */
    public static final Class<RequestSent> KEY = RequestSent.class;

    private final LongSupplier clock;
    private volatile long sentAtMillis = -1;

    /** @param clock milliseconds on the clock that times the attempt */
    public RequestSent(LongSupplier clock) {
        this.clock = clock;
    }

    /** Marks the attempt in {@code context} as sent (the first time only); nothing when no one is timing it. */
    public static void mark(ContextView context) {
        RequestSent timing = context.getOrDefault(KEY, null);
        if (timing != null && timing.sentAtMillis < 0) {
            timing.sentAtMillis = timing.clock.getAsLong();
        }
    }

    /** Whether the request has been sent. */
    public boolean isSent() {
        return sentAtMillis >= 0;
    }

    /** When it was sent, on the attempt's clock, or -1. */
    public long sentAtMillis() {
        return sentAtMillis;
    }
}

package dev.mosaic.composer.client;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.ContextView;

/**
 * The moment one attempt's request is handed to the network, after a pooled connection was acquired
 * (or opened). The per-attempt timeout starts here, not at subscription: time a request spends
 * waiting inside the composer (for a connection, behind a busy event loop) is the composer's own
 * queueing, and must not be blamed on the backend and counted against its circuit.
 *
 * <p>A {@link BackendClient} calls {@link #mark(ContextView)} with the attempt's subscriber context
 * when it sends; whoever times the attempt puts a fresh instance in that context
 * ({@link #KEY}).
 */
public final class RequestSent {

    /** The Reactor context key of an attempt's instance. */
    public static final Class<RequestSent> KEY = RequestSent.class;

    private final Sinks.Empty<Void> sent = Sinks.empty();
    private volatile boolean done;

    /** Marks the attempt in {@code context} as sent; nothing when no one is timing it. */
    public static void mark(ContextView context) {
        RequestSent timing = context.getOrDefault(KEY, null);
        if (timing != null) {
            timing.done = true;
            timing.sent.tryEmitEmpty();
        }
    }

    /** Whether the request has been sent. */
    public boolean isSent() {
        return done;
    }

    /** Completes when the request is sent. */
    public Mono<Void> signal() {
        return sent.asMono();
    }
}

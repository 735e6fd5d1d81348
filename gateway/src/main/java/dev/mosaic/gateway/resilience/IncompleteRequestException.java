package dev.mosaic.gateway.resilience;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * The client did not deliver its request: its body went over the size limit, stopped arriving while
 * the upstream was waiting for it, or the client went away while sending it. The client's fault,
 * never the upstream's, so a route's circuit breaker ignores it ({@link UpstreamFaults}).
 */
public final class IncompleteRequestException extends RuntimeException {

    private final boolean tooLarge;

    IncompleteRequestException(String message, Throwable cause) {
        super(message, cause, false, false);
        this.tooLarge = hasCause(cause, DataBufferLimitException.class);
    }

    /** Whether the body went over the size limit (a 413), rather than stopped or was cut off (a 408). */
    public boolean tooLarge() {
        return tooLarge;
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

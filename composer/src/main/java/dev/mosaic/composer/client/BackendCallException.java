package dev.mosaic.composer.client;

/**
 * A backend call that did not yield a usable body, for one of a few {@link Kind}s. The client
 * translates every transport failure (Netty, Reactor Netty's pool, Spring's codecs) into this one
 * exception where it happens, so that policy code classifies our kinds, never third-party internals.
 */
public final class BackendCallException extends RuntimeException {

    /** Why a call failed. */
    public enum Kind {
        /** The backend answered a non-2xx status ({@link #status()}). */
        STATUS,
        /** No connection could be made (refused, connect timeout, unknown host). */
        CONNECT,
        /** The connection broke before a whole answer arrived (reset, premature close). */
        CONNECTION_LOST,
        /** Our own connection pool had no connection to give in time: the backend was never asked. */
        POOL_SATURATED,
        /** The body exceeded the configured maximum size. */
        BODY_TOO_LARGE,
        /** The body is not the JSON expected (unparsable, empty, missing the selected value). */
        BAD_BODY
    }

    private final Kind kind;
    private final int status;

    private BackendCallException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.status = status;
    }

    /** The backend answered {@code status}. */
    public static BackendCallException status(int status) {
        return new BackendCallException(Kind.STATUS, status, "backend answered " + status, null);
    }

    /** A call failed for {@code kind}. */
    public static BackendCallException of(Kind kind, String message, Throwable cause) {
        return new BackendCallException(kind, 0, message, cause);
    }

    /** The body is not the JSON expected. */
    public static BackendCallException badBody(String message) {
        return new BackendCallException(Kind.BAD_BODY, 0, message, null);
    }

    /** The body is not the JSON expected, found by a parser. */
    public static BackendCallException badBody(String message, Throwable cause) {
        return new BackendCallException(Kind.BAD_BODY, 0, message, cause);
    }

    /** Why the call failed. */
    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#STATUS}, else 0. */
    public int status() {
        return status;
    }
}

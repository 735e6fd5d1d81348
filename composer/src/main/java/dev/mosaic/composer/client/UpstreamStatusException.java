package dev.mosaic.composer.client;

/** A backend answered with a non-2xx status. */
public final class UpstreamStatusException extends RuntimeException {

    private final int status;

    public UpstreamStatusException(int status) {
        super("backend answered " + status, null, false, false);
        this.status = status;
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }
}

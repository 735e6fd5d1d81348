package dev.mosaic.stubs.backend;

import dev.mosaic.stubs.Backend;

/** A backend taken down by chaos could not be started again on its port (e.g. the port was taken meanwhile). */
public final class BackendStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BackendStartException(Backend backend, int port, Throwable cause) {
        super("could not start the " + backend + " service again on port " + port + ": " + cause.getMessage(), cause);
    }
}

package dev.mosaic.stubs.web;

/** A control-plane request body that is empty or not JSON. */
final class MalformedJsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    MalformedJsonException(String message) {
        super(message);
    }
}

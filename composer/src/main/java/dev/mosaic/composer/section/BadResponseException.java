package dev.mosaic.composer.section;

/** A backend answered 2xx with a body that is not the JSON the section expects. */
public final class BadResponseException extends RuntimeException {

    public BadResponseException(String message) {
        super(message, null, false, false);
    }

    public BadResponseException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

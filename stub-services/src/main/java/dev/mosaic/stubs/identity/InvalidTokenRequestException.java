package dev.mosaic.stubs.identity;

/** A {@code POST /token} body that is missing {@code sub} or carries an invalid field. */
public final class InvalidTokenRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidTokenRequestException(String message) {
        super(message);
    }
}

package dev.mosaic.composer.identity;

/** A bearer token that cannot be trusted: malformed, badly signed, expired, or from another issuer. */
public final class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message, null, false, false);
    }
}

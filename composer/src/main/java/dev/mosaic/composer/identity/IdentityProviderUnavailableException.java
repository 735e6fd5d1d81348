package dev.mosaic.composer.identity;

/** The identity provider's key set could not be fetched, so no token can be checked now. */
public final class IdentityProviderUnavailableException extends RuntimeException {

    public IdentityProviderUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

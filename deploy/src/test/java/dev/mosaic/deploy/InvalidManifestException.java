package dev.mosaic.deploy;

/** A manifest the Kubernetes API would refuse, or one the validation cannot read: the message says which and why. */
final class InvalidManifestException extends RuntimeException {

    InvalidManifestException(String message) {
        super(message);
    }
}

package dev.mosaic.composer.resilience;

/** The request's overall deadline passed before the section had an answer. */
public final class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException() {
        super("request deadline exceeded", null, false, false);
    }
}

package dev.mosaic.stubs.web;

/** The request journal was asked for, but the stubs run without one ({@code mosaic.stubs.journal-enabled=false}). */
final class JournalDisabledException extends RuntimeException {

    JournalDisabledException() {
        super("the backends keep no request journal; start the stubs with mosaic.stubs.journal-enabled=true");
    }
}

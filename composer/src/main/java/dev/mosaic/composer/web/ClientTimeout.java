package dev.mosaic.composer.web;

import java.time.Duration;

/**
 * Reads a client's {@code X-Mosaic-Timeout-Ms}: the most time, in whole milliseconds, the client will
 * wait. It can only shorten a composition's deadline, so a large value is harmless; anything that is
 * not a plain number from 1 to {@link #MAX_MILLIS} is refused rather than guessed at.
 */
final class ClientTimeout {

    /** The largest accepted value: an hour, far beyond any composition's deadline. */
    static final long MAX_MILLIS = 3_600_000;

    private ClientTimeout() {
    }

    /** The requested budget, or null when {@code value} is not a valid one. */
    static Duration parse(String value) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 7) {
            return null;
        }
        long millis = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            millis = millis * 10 + (c - '0');
        }
        return millis >= 1 && millis <= MAX_MILLIS ? Duration.ofMillis(millis) : null;
    }
}

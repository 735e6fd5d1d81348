package dev.mosaic.composer.resilience;

import java.util.Locale;

/** What became of a hedge (a metric tag). */
public enum HedgeEvent {
    /** Sent: the first attempt had not answered after the hedge delay. */
    SENT,
    /** The hedge answered first; the first attempt was cancelled. */
    WON,
    /** The first attempt answered first; the hedge was cancelled. */
    CANCELLED,
    /** Due, but the hedge budget had nothing left. */
    DENIED;

    /** The tag value. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.mosaic.stubs.chaos;

import java.util.Arrays;
import java.util.Optional;

/**
 * Transport-level faults a backend can inject, one-to-one with WireMock's faults and as a
 * client sees them.
 */
public enum ChaosFault {

    /** The connection is closed with a TCP RST: the client gets "connection reset". */
    CONNECTION_RESET_BY_PEER,
    /** The connection is closed without a byte of response. */
    EMPTY_RESPONSE,
    /** A 200 status line and headers, then an invalid chunked body, then close. */
    MALFORMED_RESPONSE_CHUNK,
    /** Garbage bytes instead of an HTTP response, then close. */
    RANDOM_DATA_THEN_CLOSE;

    /** Parses a fault name, ignoring case. */
    public static Optional<ChaosFault> parse(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(name)).findFirst();
    }
}

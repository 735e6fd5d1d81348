package dev.mosaic.stubs.chaos;

/**
 * What chaos does to one request: the delay before answering, and at most one of a transport
 * fault or an error status; a body is dribbled over {@code dribbleMs}.
 *
 * @param delayMs     wait before the answer (or fault), in milliseconds
 * @param fault       the fault to inject, or {@code null}
 * @param errorStatus the error status to answer with, or {@code 0} for the normal answer
 * @param dribbleMs   spread the body over this many milliseconds; {@code 0} sends it at once
 */
public record ChaosDecision(long delayMs, ChaosFault fault, int errorStatus, long dribbleMs) {

    /** The normal, prompt answer. */
    public static final ChaosDecision NONE = new ChaosDecision(0, null, 0, 0);

    /** Whether the request gets an error status instead of its answer. */
    public boolean injectsError() {
        return errorStatus != 0;
    }
}

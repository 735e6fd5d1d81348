package dev.mosaic.loadtest.chaos;

/**
 * A chaos step as it actually happened.
 *
 * @param atEpochMs when the call was answered
 * @param step      the planned step
 * @param status    the chaos API's HTTP status, {@code 0} when it did not answer
 * @param response  the chaos API's answer (the settings now in force) or the error
 */
public record AppliedChaos(long atEpochMs, ChaosStep step, int status, String response) {

    /** Whether the chaos API accepted the change. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}

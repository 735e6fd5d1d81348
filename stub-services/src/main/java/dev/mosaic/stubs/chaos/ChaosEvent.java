package dev.mosaic.stubs.chaos;

import java.time.Instant;

/**
 * One change of chaos settings, as listed by {@code GET /chaos/events}.
 *
 * @param sequence increasing number of the change since start
 * @param at       when the change was applied
 * @param service  the backend's service name
 * @param action   {@code UPDATE} (a PUT), {@code CLEAR} (a DELETE) or {@code RESET}
 * @param settings the service's settings after the change
 */
public record ChaosEvent(long sequence, Instant at, String service, Action action, ChaosSettings settings) {

    /** What kind of change it was. */
    public enum Action { UPDATE, CLEAR, RESET }
}

package dev.mosaic.stubs.chaos;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One change of chaos settings, as listed by {@code GET /chaos/events}.
 *
 * @param sequence increasing number of the change since start
 * @param at       when the change was applied
 * @param service  the backend's service name
 * @param action   {@code UPDATE} (a PUT), {@code CLEAR} (a DELETE) or {@code RESET}
 * @param settings the service's (or the instance's) settings after the change
 * @param instance the instance the change was for, or null (left out of the JSON) for the whole service
 */
public record ChaosEvent(long sequence, Instant at, String service, Action action, ChaosSettings settings,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer instance) {

    /** A change for the whole service. */
    public ChaosEvent(long sequence, Instant at, String service, Action action, ChaosSettings settings) {
        this(sequence, at, service, action, settings, null);
    }

    /** What kind of change it was. */
    public enum Action { UPDATE, CLEAR, RESET }
}

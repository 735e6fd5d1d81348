package dev.mosaic.stubs.chaos;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import dev.mosaic.stubs.Backend;

/**
 * The current chaos of every backend and the log of its changes. Backends read it on every
 * request ({@link #decide}); the chaos API changes it. Each backend's settings and dice sit
 * together in one immutable value behind an {@link AtomicReference}, so a request sees either the
 * old or the new settings, never a mix, and the next request after a change sees the change.
 * Changes are serialised (they are rare); reads take no lock.
 */
public final class ChaosBoard {

    private record State(ChaosSettings settings, ChaosDice dice) {
    }

    private final Map<Backend, AtomicReference<State>> states = new EnumMap<>(Backend.class);
    private final Deque<ChaosEvent> events = new ArrayDeque<>();
    private final Long defaultSeed;
    private final int eventLogSize;
    private final Clock clock;
    private long sequence;

    /**
     * @param defaultSeed  seed after start, clear and reset; {@code null} for a fresh random one each time
     * @param eventLogSize how many events to keep
     * @param clock        timestamps of events
     */
    public ChaosBoard(Long defaultSeed, int eventLogSize, Clock clock) {
        if (eventLogSize < 1) {
            throw new IllegalArgumentException("eventLogSize must be positive");
        }
        this.defaultSeed = defaultSeed;
        this.eventLogSize = eventLogSize;
        this.clock = clock;
        for (Backend backend : Backend.values()) {
            states.put(backend, new AtomicReference<>(quiet()));
        }
    }

    /** Decides what chaos the next request to {@code backend} gets. Lock-free; called per request. */
    public ChaosDecision decide(Backend backend) {
        State state = states.get(backend).get();
        return state.dice().roll(state.settings());
    }

    /** The current settings of one backend. */
    public ChaosSettings settings(Backend backend) {
        return states.get(backend).get().settings();
    }

    /** The current settings of every backend, keyed by service name, in a stable order. */
    public Map<String, ChaosSettings> all() {
        Map<String, ChaosSettings> all = new LinkedHashMap<>();
        for (Backend backend : Backend.values()) {
            all.put(backend.serviceName(), settings(backend));
        }
        return all;
    }

    /**
     * Merges {@code patch} into a backend's settings.
     *
     * @return the new settings
     * @throws InvalidChaosSettingsException if the result is invalid; nothing changes then
     */
    public synchronized ChaosSettings update(Backend backend, ChaosPatch patch) {
        AtomicReference<State> ref = states.get(backend);
        State current = ref.get();
        ChaosSettings next = patch.applyTo(current.settings(), defaultSeed);
        ChaosDice dice = patch.restartsSequence() ? new ChaosDice(seedOf(next)) : current.dice();
        ref.set(new State(next, dice));
        record(backend, ChaosEvent.Action.UPDATE, next);
        return next;
    }

    /** Clears one backend's chaos (and restarts its decision sequence from the default seed). */
    public synchronized ChaosSettings clear(Backend backend) {
        State quiet = quiet();
        states.get(backend).set(quiet);
        record(backend, ChaosEvent.Action.CLEAR, quiet.settings());
        return quiet.settings();
    }

    /** Clears every backend's chaos. */
    public synchronized void reset() {
        for (Backend backend : Backend.values()) {
            State quiet = quiet();
            states.get(backend).set(quiet);
            record(backend, ChaosEvent.Action.RESET, quiet.settings());
        }
    }

    /** The kept changes, oldest first. */
    public synchronized List<ChaosEvent> events() {
        return List.copyOf(events);
    }

    private State quiet() {
        ChaosSettings settings = ChaosSettings.none(defaultSeed);
        return new State(settings, new ChaosDice(seedOf(settings)));
    }

    private static long seedOf(ChaosSettings settings) {
        return settings.seed() != null ? settings.seed() : ThreadLocalRandom.current().nextLong();
    }

    private void record(Backend backend, ChaosEvent.Action action, ChaosSettings settings) {
        if (events.size() == eventLogSize) {
            events.removeFirst();
        }
        events.addLast(new ChaosEvent(++sequence, clock.instant(), backend.serviceName(), action, settings));
    }
}

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
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.mosaic.stubs.Backend;

/**
 * The current chaos of every backend and the log of its changes. Backends read it on every
 * request ({@link #decide}); the chaos API changes it. Each backend's settings and dice sit
 * together in one immutable value behind an {@link AtomicReference}, so a request sees either the
 * old or the new settings, never a mix, and the next request after a change sees the change.
 * Changes are serialised (they are rare); reads take no lock.
 *
 * <p>A backend with several instances ({@code mosaic.stubs.replicas}) follows its service's settings
 * on every instance, unless an instance has settings of its own ({@link #update(Backend, int, ChaosPatch)}),
 * which it keeps until they are cleared; clearing or resetting the service clears its instances too.
 */
public final class ChaosBoard {

    private record State(ChaosSettings settings, ChaosDice dice) {
    }

    /** Instances a backend may have (the stubs' {@code replicas} is validated against it). */
    public static final int MAX_INSTANCES = 10;

    private final Map<Backend, AtomicReference<State>> states = new EnumMap<>(Backend.class);
    /** An instance's own state, or null while it follows its service. */
    private final Map<Backend, AtomicReferenceArray<State>> instances = new EnumMap<>(Backend.class);
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
            instances.put(backend, new AtomicReferenceArray<>(MAX_INSTANCES));
        }
    }

    /** Decides what chaos the next request to {@code backend} gets. Lock-free; called per request. */
    public ChaosDecision decide(Backend backend) {
        State state = states.get(backend).get();
        return state.dice().roll(state.settings());
    }

    /** Decides what chaos the next request to instance {@code instance} of {@code backend} gets. Lock-free. */
    public ChaosDecision decide(Backend backend, int instance) {
        State state = state(backend, instance);
        return state.dice().roll(state.settings());
    }

    /** The current settings of one backend. */
    public ChaosSettings settings(Backend backend) {
        return states.get(backend).get().settings();
    }

    /** The settings instance {@code instance} of a backend is under now: its own, else its service's. */
    public ChaosSettings settings(Backend backend, int instance) {
        return state(backend, instance).settings();
    }

    /** Whether an instance has settings of its own. */
    public boolean hasOwnSettings(Backend backend, int instance) {
        return instances.get(backend).get(checked(instance)) != null;
    }

    private State state(Backend backend, int instance) {
        State own = instances.get(backend).get(checked(instance));
        return own != null ? own : states.get(backend).get();
    }

    private static int checked(int instance) {
        if (instance < 0 || instance >= MAX_INSTANCES) {
            throw new IllegalArgumentException("instance must be 0.." + (MAX_INSTANCES - 1) + ", got " + instance);
        }
        return instance;
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
        record(backend, null, ChaosEvent.Action.UPDATE, next);
        return next;
    }

    /**
     * Merges {@code patch} into the settings of one instance of a backend (starting from its service's
     * settings when it has none of its own yet); from now on it no longer follows its service.
     *
     * @return the instance's new settings
     * @throws InvalidChaosSettingsException if the result is invalid; nothing changes then
     */
    public synchronized ChaosSettings update(Backend backend, int instance, ChaosPatch patch) {
        State current = state(backend, instance);
        ChaosSettings next = patch.applyTo(current.settings(), defaultSeed);
        ChaosDice dice = patch.restartsSequence() ? new ChaosDice(seedOf(next))
                : hasOwnSettings(backend, instance) ? current.dice() : new ChaosDice(seedOf(next));
        instances.get(backend).set(instance, new State(next, dice));
        record(backend, instance, ChaosEvent.Action.UPDATE, next);
        return next;
    }

    /** Drops an instance's own settings: it follows its service again. */
    public synchronized ChaosSettings clear(Backend backend, int instance) {
        instances.get(backend).set(checked(instance), null);
        ChaosSettings now = settings(backend, instance);
        record(backend, instance, ChaosEvent.Action.CLEAR, now);
        return now;
    }

    private void clearInstances(Backend backend) {
        AtomicReferenceArray<State> own = instances.get(backend);
        for (int i = 0; i < own.length(); i++) {
            own.set(i, null);
        }
    }

    /** Clears one backend's chaos (and restarts its decision sequence from the default seed). */
    public synchronized ChaosSettings clear(Backend backend) {
        State quiet = quiet();
        states.get(backend).set(quiet);
        clearInstances(backend);
        record(backend, null, ChaosEvent.Action.CLEAR, quiet.settings());
        return quiet.settings();
    }

    /** Clears every backend's chaos. */
    public synchronized void reset() {
        for (Backend backend : Backend.values()) {
            State quiet = quiet();
            states.get(backend).set(quiet);
            clearInstances(backend);
            record(backend, null, ChaosEvent.Action.RESET, quiet.settings());
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

    private void record(Backend backend, Integer instance, ChaosEvent.Action action, ChaosSettings settings) {
        if (events.size() == eventLogSize) {
            events.removeFirst();
        }
        events.addLast(new ChaosEvent(++sequence, clock.instant(), backend.serviceName(), action, settings, instance));
    }
}

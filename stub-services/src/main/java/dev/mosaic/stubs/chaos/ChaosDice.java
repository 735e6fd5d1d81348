package dev.mosaic.stubs.chaos;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seeded source of one backend's chaos decisions. The n-th request after a (re)seed always
 * gets the same draws for the same seed, whatever the threads: each request takes a ticket and
 * derives its own generator from {@code (seed, ticket)}, so concurrent requests never share
 * generator state and no lock is needed.
 */
final class ChaosDice {

    private final long seed;
    private final AtomicLong tickets = new AtomicLong();

    ChaosDice(long seed) {
        this.seed = seed;
    }

    long seed() {
        return seed;
    }

    /** Decides the fate of the next request under {@code settings}. */
    ChaosDecision roll(ChaosSettings settings) {
        long ticket = tickets.getAndIncrement();
        if (isQuiet(settings)) {
            return ChaosDecision.NONE;
        }
        SplittableRandom random = new SplittableRandom(mix(seed + mix(ticket)));
        // Always draw in the same order, so one knob's setting never shifts another's sequence.
        double faultRoll = random.nextDouble();
        double errorRoll = random.nextDouble();
        long delayMs = settings.distribution().sample(settings.latencyMs(), settings.jitterMs(), random);
        // drawn last, so that setting stragglers never shifts the other knobs' sequences
        if (random.nextDouble() < settings.slowRate()) {
            delayMs += settings.slowMs();
        }
        ChaosFault fault = settings.fault() != null && faultRoll < settings.faultRate() ? settings.fault() : null;
        int errorStatus = fault == null && errorRoll < settings.errorRate() ? settings.errorStatus() : 0;
        return new ChaosDecision(delayMs, fault, errorStatus, settings.dribbleMs());
    }

    private static boolean isQuiet(ChaosSettings settings) {
        return settings.latencyMs() == 0 && settings.dribbleMs() == 0 && settings.errorRate() == 0
                && (settings.fault() == null || settings.faultRate() == 0)
                && (settings.slowRate() == 0 || settings.slowMs() == 0);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser (as SplittableRandom uses). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

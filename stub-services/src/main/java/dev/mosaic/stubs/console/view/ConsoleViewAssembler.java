package dev.mosaic.stubs.console.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.mosaic.stubs.chaos.ChaosEvent;
import dev.mosaic.stubs.chaos.ChaosSettings;
import dev.mosaic.stubs.console.scrape.PartScrape;

/**
 * Turns successive scrapes of the composer and the gateway into {@link ConsoleFrame}s. It remembers
 * the previous good scrape of each part (rates and percentiles are increases between the two), the
 * breakers it has seen (so a part that stops answering shows its breakers as {@code UNKNOWN} instead
 * of dropping them) and the last chaos event it passed on. Plain Java, no I/O: one call per scrape,
 * not thread-safe (the console's stream calls it from one subscription).
 *
 * <pre>{@code
 * ConsoleViewAssembler views = new ConsoleViewAssembler(Duration.ofSeconds(5));
 * ConsoleFrame frame = views.next(composerScrape, gatewayScrape, board.all(), board.events());
 * }</pre>
 */
public final class ConsoleViewAssembler {

    public static final String COMPOSER = "composer";
    public static final String GATEWAY = "gateway";

    private final Duration maxRateInterval;
    private final Map<String, PartScrape> previous = new HashMap<>();
    private final Map<String, Map<String, String>> lastStates = new HashMap<>();
    private long sequence;
    private long lastChaosSequence;

    /**
     * @param maxRateInterval a previous scrape older than this is not used for rates (after a pause
     *                        of the stream, an average over minutes would mislead more than a gap)
     */
    public ConsoleViewAssembler(Duration maxRateInterval) {
        this.maxRateInterval = maxRateInterval;
    }

    /**
     * The view of this moment.
     *
     * @param composer    this read of the composer's management endpoint
     * @param gateway     this read of the gateway's
     * @param chaos       the chaos settings now in force
     * @param chaosEvents the chaos events log (those already passed on are skipped)
     */
    public ConsoleFrame next(PartScrape composer, PartScrape gateway, Map<String, ChaosSettings> chaos,
                             List<ChaosEvent> chaosEvents) {
        Instant at = later(composer.at(), gateway.at());
        Deltas composerDeltas = deltas(composer);
        Deltas gatewayDeltas = deltas(gateway);

        Map<String, String> composerStates = states(composer);
        Map<String, String> gatewayStates = states(gateway);
        List<ConsoleFrame.Breaker> breakers = new ArrayList<>();
        List<ConsoleFrame.Transition> transitions = new ArrayList<>();
        collect(composer, composerStates, breakers, transitions);
        collect(gateway, gatewayStates, breakers, transitions);

        ComposerViews composerViews = new ComposerViews(composerDeltas);
        EdgeViews edgeViews = new EdgeViews(gatewayDeltas);
        ConsoleFrame frame = new ConsoleFrame(++sequence, at,
                List.of(status(composer, composerDeltas), status(gateway, gatewayDeltas)),
                breakers, transitions,
                composerViews.sources(composerStates), composerViews.sections(), composerViews.compositions(),
                edgeViews.routes(gatewayStates), edgeViews.edge(),
                chaos, newChaosEvents(chaosEvents));
        remember(composer);
        remember(gateway);
        return frame;
    }

    private Deltas deltas(PartScrape scrape) {
        PartScrape before = previous.get(scrape.part());
        if (!scrape.reachable() || before == null) {
            return new Deltas(scrape.samples(), null, 0);
        }
        Duration interval = Duration.between(before.at(), scrape.at());
        if (interval.isNegative() || interval.isZero() || interval.compareTo(maxRateInterval) > 0) {
            return new Deltas(scrape.samples(), null, 0);
        }
        return new Deltas(scrape.samples(), before.samples(), interval.toNanos() / 1e9);
    }

    private void remember(PartScrape scrape) {
        if (scrape.reachable()) {
            previous.put(scrape.part(), scrape);
        } else {
            previous.remove(scrape.part());
        }
    }

    /** The breakers' states; for an unreachable part, the ones seen before, as UNKNOWN. */
    private Map<String, String> states(PartScrape scrape) {
        if (scrape.reachable()) {
            return BreakerStates.of(scrape.samples());
        }
        Map<String, String> unknown = new LinkedHashMap<>();
        lastStates.getOrDefault(scrape.part(), Map.of()).keySet().forEach(name -> unknown.put(name, ConsoleFrame.UNKNOWN));
        return unknown;
    }

    private void collect(PartScrape scrape, Map<String, String> states, List<ConsoleFrame.Breaker> breakers,
                         List<ConsoleFrame.Transition> transitions) {
        String part = scrape.part();
        Map<String, Double> failureRates = BreakerStates.failureRates(scrape.samples());
        Map<String, String> before = lastStates.getOrDefault(part, Map.of());
        states.forEach((name, state) -> {
            String id = part + "/" + name;
            breakers.add(new ConsoleFrame.Breaker(id, part, name, state, failureRates.get(name)));
            String was = before.get(name);
            if (was != null && !Objects.equals(was, state)
                    && !ConsoleFrame.UNKNOWN.equals(was) && !ConsoleFrame.UNKNOWN.equals(state)) {
                transitions.add(new ConsoleFrame.Transition(scrape.at(), id, was, state));
            }
        });
        if (scrape.reachable()) {
            lastStates.put(part, states);
        }
    }

    private static ConsoleFrame.PartStatus status(PartScrape scrape, Deltas deltas) {
        return new ConsoleFrame.PartStatus(scrape.part(), scrape.url(), scrape.reachable(), scrape.unreachable(),
                deltas.known() ? deltas.seconds() : null);
    }

    private List<ChaosEvent> newChaosEvents(List<ChaosEvent> events) {
        List<ChaosEvent> fresh = new ArrayList<>();
        for (ChaosEvent event : events) {
            if (event.sequence() > lastChaosSequence) {
                fresh.add(event);
            }
        }
        if (!fresh.isEmpty()) {
            lastChaosSequence = fresh.get(fresh.size() - 1).sequence();
        }
        return fresh;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

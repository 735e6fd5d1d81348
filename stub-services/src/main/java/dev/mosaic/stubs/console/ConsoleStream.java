package dev.mosaic.stubs.console;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import dev.mosaic.stubs.chaos.ChaosBoard;
import dev.mosaic.stubs.console.scrape.ManagementScraper;
import dev.mosaic.stubs.console.view.ConsoleFrame;
import dev.mosaic.stubs.console.view.ConsoleViewAssembler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The console's live feed: every {@code interval}, read the composer's and the gateway's management
 * endpoints at once, assemble one {@link ConsoleFrame} and hand it to every open console. One
 * reading loop however many pages are open; it runs only while one is (plus {@code linger}), so a
 * stack nobody watches is not scraped. A page that opens first gets the kept history, then the live
 * frames.
 */
public final class ConsoleStream {

    private final Flux<ConsoleFrame> live;
    private final Deque<ConsoleFrame> history = new ArrayDeque<>();
    private final int historyFrames;

    /**
     * @param scheduler drives the reading interval (a virtual-time scheduler in tests)
     */
    public ConsoleStream(ConsoleProperties properties, ManagementScraper scraper, ChaosBoard chaos, Scheduler scheduler) {
        this.historyFrames = properties.historyFrames();
        // rates over a gap of a few missed reads still mean something; after a pause they would not
        ConsoleViewAssembler views = new ConsoleViewAssembler(properties.interval().multipliedBy(5));
        this.live = Flux.interval(Duration.ZERO, properties.interval(), scheduler)
                // a read that takes longer than the interval skips ticks rather than queueing them
                .onBackpressureDrop()
                .concatMap(tick -> Mono.zip(
                        scraper.scrape(ConsoleViewAssembler.COMPOSER, properties.composerManagementUrl()),
                        scraper.scrape(ConsoleViewAssembler.GATEWAY, properties.gatewayManagementUrl())), 1)
                .map(reads -> views.next(reads.getT1(), reads.getT2(), chaos.all(), chaos.events()))
                .doOnNext(this::keep)
                .publish()
                .refCount(1, properties.linger(), scheduler);
    }

    /**
     * The kept frames, then the live ones, each once and in order (a live frame already replayed from
     * the history is skipped; one made while this subscription starts may be missed). A slow page
     * skips to the latest frame instead of holding the others up.
     */
    public Flux<ConsoleFrame> frames() {
        return Flux.defer(() -> {
            List<ConsoleFrame> kept = history();
            long replayed = kept.isEmpty() ? 0 : kept.get(kept.size() - 1).sequence();
            return Flux.fromIterable(kept)
                    .concatWith(live.onBackpressureLatest().filter(frame -> frame.sequence() > replayed));
        });
    }

    /** The kept frames, oldest first. */
    public synchronized List<ConsoleFrame> history() {
        return List.copyOf(history);
    }

    private synchronized void keep(ConsoleFrame frame) {
        if (history.size() == historyFrames) {
            history.removeFirst();
        }
        history.addLast(frame);
    }
}

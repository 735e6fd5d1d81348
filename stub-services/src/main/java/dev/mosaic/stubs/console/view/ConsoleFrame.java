package dev.mosaic.stubs.console.view;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.mosaic.stubs.chaos.ChaosEvent;
import dev.mosaic.stubs.chaos.ChaosSettings;

/**
 * One consolidated view of the running system, as the console streams it once per scrape: what the
 * breakers say, what each source and section is doing, what the edge answers, and the chaos in
 * force. Rates are per second and latencies in milliseconds over the interval since the previous
 * scrape of that part; they are {@code null} when there is no previous scrape to compare with (the
 * first frame, or the part was unreachable) or nothing happened (no latency without requests).
 *
 * @param sequence     increasing number of the frame since start
 * @param at           when the frame was made
 * @param parts        the management endpoints read, and whether they answered
 * @param breakers     every circuit breaker of the composer (per source) and the gateway (per route)
 * @param transitions  breaker state changes seen since the previous frame
 * @param sources      the composer's backends: attempts, retry budget, bulkhead
 * @param sections     the composer's sections per composition: rate, latency, degraded share by reason
 * @param compositions the composer's answers per composition, by outcome
 * @param routes       the gateway's routes: requests by status class, 429s, 503s, p99
 * @param edge         all of the gateway's routes together
 * @param chaos        the chaos settings of every backend, keyed by service name
 * @param chaosEvents  chaos changes made since the previous frame, oldest first
 */
public record ConsoleFrame(
        long sequence,
        Instant at,
        List<PartStatus> parts,
        List<Breaker> breakers,
        List<Transition> transitions,
        List<Source> sources,
        List<Section> sections,
        List<Composition> compositions,
        List<Route> routes,
        Route edge,
        Map<String, ChaosSettings> chaos,
        List<ChaosEvent> chaosEvents) {

    /** Breaker states as Resilience4j names them (upper case); {@code UNKNOWN} when its part cannot be read. */
    public static final String UNKNOWN = "UNKNOWN";

    /**
     * A management endpoint and how its last read went.
     *
     * @param part        {@code composer} or {@code gateway}
     * @param url         its management base URL
     * @param reachable   whether the last read succeeded
     * @param detail      why it is unreachable; {@code null} when reachable
     * @param rateSeconds the interval the part's rates cover, {@code null} when it has none yet
     */
    public record PartStatus(String part, String url, boolean reachable, String detail, Double rateSeconds) {
    }

    /**
     * One circuit breaker.
     *
     * @param id          {@code part/name}, e.g. {@code composer/recommendations}
     * @param part        whose breaker it is
     * @param name        the breaker's name (a composer source, a gateway route id)
     * @param state       {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, … or {@link #UNKNOWN}
     * @param failureRate failure rate in percent over the breaker's window, {@code null} before it has enough calls
     */
    public record Breaker(String id, String part, String name, String state, Double failureRate) {
    }

    /** A breaker changed state between two scrapes (seen at {@code at}). */
    public record Transition(Instant at, String id, String from, String to) {
    }

    /**
     * One of the composer's sources (backends), with the policy that guards it.
     *
     * @param name                 the source
     * @param state                its breaker's state
     * @param attemptsPerSecond    backend calls made
     * @param attemptResults       calls per second by result ({@code OK}, {@code TIMEOUT}, …), non-zero ones
     * @param notPermittedPerSecond calls the open breaker refused
     * @param retriesPerSecond     retries the budget granted
     * @param retriesDeniedPerSecond retries the budget refused
     * @param retryBudgetLeft      tokens left in the retry budget
     * @param bulkheadInUse        calls in flight through the bulkhead
     * @param bulkheadMax          the bulkhead's limit
     */
    public record Source(String name, String state, Double attemptsPerSecond, Map<String, Double> attemptResults,
                         Double notPermittedPerSecond, Double retriesPerSecond, Double retriesDeniedPerSecond,
                         Double retryBudgetLeft, Integer bulkheadInUse, Integer bulkheadMax) {
    }

    /**
     * One section of one composition.
     *
     * @param composition   the composition ({@code dashboard}, {@code order-detail}, …)
     * @param section       the section
     * @param ratePerSecond answers of the section (skipped ones left out)
     * @param p50Ms         median latency
     * @param p99Ms         99th percentile latency
     * @param degradedShare share (0–1) of answers from a fallback
     * @param failedShare   share (0–1) of answers without data
     * @param reasons       share (0–1) of all answers per reason, for those not OK
     */
    public record Section(String composition, String section, Double ratePerSecond, Double p50Ms, Double p99Ms,
                          Double degradedShare, Double failedShare, Map<String, Double> reasons) {
    }

    /**
     * The composer's answers of one composition: is the user hurt?
     *
     * @param composition   its name
     * @param ratePerSecond answers
     * @param p99Ms         99th percentile latency
     * @param outcomes      share (0–1) per outcome ({@code complete}, {@code partial}, {@code failed})
     */
    public record Composition(String composition, Double ratePerSecond, Double p99Ms, Map<String, Double> outcomes) {
    }

    /**
     * One gateway route (or, as {@link ConsoleFrame#edge()}, all of them).
     *
     * @param route              the route id ({@code all} for the edge as a whole)
     * @param state              the route's breaker state; {@code null} when it has none (yet)
     * @param ratePerSecond      requests answered
     * @param statusClasses      requests per second by status class ({@code 2xx} … {@code 5xx})
     * @param tooManyPerSecond   429 answers
     * @param unavailablePerSecond 503 answers (open breaker, shed, upstream down)
     * @param p99Ms              99th percentile latency
     */
    public record Route(String route, String state, Double ratePerSecond, Map<String, Double> statusClasses,
                        Double tooManyPerSecond, Double unavailablePerSecond, Double p99Ms) {
    }
}

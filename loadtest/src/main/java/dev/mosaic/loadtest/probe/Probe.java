package dev.mosaic.loadtest.probe;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples, once per interval on its own thread, the composer's circuit-breaker states, the stubs'
 * per-service request counters and each part's open file descriptors.
 *
 * <pre>{@code
 * Probe probe = Probe.of(composer, stubs, gateway, Clock.systemUTC());
 * probe.start(Duration.ofSeconds(1));
 * ... // the run
 * List<ProbeSample> samples = probe.stop();
 * }</pre>
 */
public final class Probe {

    /**
     * The stubs' request counter ({@code mosaic.stubs.requests}, one series per service and kind of
     * chaos); the second name is the one first planned, still read for older stubs.
     */
    public static final List<String> STUB_REQUESTS_METRICS = List.of("mosaic_stubs_requests_total",
            "mosaic_stub_requests_total");
    /** The primary name of {@link #STUB_REQUESTS_METRICS}, for messages. */
    public static final String STUB_REQUESTS_METRIC = "mosaic_stubs_requests_total";
    /** Micrometer's file-descriptor gauge: a connection pile-up shows here. */
    public static final String OPEN_FILES_METRIC = "process_files_open_files";
    /** The services whose backend calls are counted. */
    public static final List<String> SERVICES = List.of("user", "orders", "recommendations");

    private final MetricsEndpoint composer;
    private final MetricsEndpoint stubs;
    private final MetricsEndpoint gateway;
    private final Clock clock;
    private final ConcurrentLinkedQueue<ProbeSample> samples = new ConcurrentLinkedQueue<>();
    private ScheduledExecutorService scheduler;

    private Probe(MetricsEndpoint composer, MetricsEndpoint stubs, MetricsEndpoint gateway, Clock clock) {
        this.composer = composer;
        this.stubs = stubs;
        this.gateway = gateway;
        this.clock = clock;
    }

    public static Probe of(MetricsEndpoint composer, MetricsEndpoint stubs, MetricsEndpoint gateway, Clock clock) {
        return new Probe(composer, stubs, gateway, clock);
    }

    /** Takes one sample now, on the calling thread, and keeps it. */
    public ProbeSample sampleOnce() {
        long at = clock.millis();
        PrometheusText composerScrape = composer.scrape();
        PrometheusText stubScrape = stubs.scrape();
        PrometheusText gatewayScrape = gateway.scrape();
        Map<String, CircuitState> circuits = new HashMap<>();
        composerScrape.find(CircuitState.STATE_METRIC, Map.of()).stream()
                .map(s -> s.labels().get("name"))
                .filter(name -> name != null)
                .distinct()
                .forEach(name -> CircuitState.in(composerScrape, name).ifPresent(state -> circuits.put(name, state)));
        Map<String, Double> calls = new HashMap<>();
        for (String service : SERVICES) {
            STUB_REQUESTS_METRICS.stream()
                    .map(metric -> stubScrape.sum(metric, Map.of("service", service)))
                    .flatMap(java.util.Optional::stream)
                    .findFirst()
                    .ifPresent(v -> calls.put(service, v));
        }
        ProbeSample sample = new ProbeSample(at, circuits, calls,
                composerScrape.sum(OPEN_FILES_METRIC, Map.of()).orElse(null),
                gatewayScrape.sum(OPEN_FILES_METRIC, Map.of()).orElse(null));
        samples.add(sample);
        return sample;
    }

    /** Starts sampling every {@code interval}, the first sample at once. */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("the probe is already running");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mosaic-probe");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::sampleQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops sampling (waiting for a sample in progress) and answers every sample in time order. */
    public synchronized List<ProbeSample> stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        return samples();
    }

    /** The samples so far, in time order. */
    public List<ProbeSample> samples() {
        List<ProbeSample> sorted = new ArrayList<>(samples);
        sorted.sort(java.util.Comparator.comparingLong(ProbeSample::atEpochMs));
        return sorted;
    }

    private void sampleQuietly() {
        try {
            sampleOnce();
        } catch (RuntimeException e) {
            // a probe that throws would silently cancel the schedule; a missed second is only a gap
            System.err.println("probe: sample failed: " + e);
        }
    }
}

package dev.mosaic.composer.warmup;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mosaic.composer.resilience.ResilienceRegistries;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Warms the composition path before the composer reports ready: a bounded burst of dashboards
 * ({@code GET /dashboard/u-901} … {@code u-1000}, no token, as this internal port allows) through its
 * own HTTP port, against the real backends, so that the first caller does not pay for class loading,
 * the interpreter and new connections (the first dashboard of a cold JVM took longer than the 900 ms
 * deadline: 504, and a cold composer at 20 req/s opened its breakers).
 *
 * <p>It runs as an {@link ApplicationRunner}: the server already listens, and Spring Boot publishes
 * readiness {@code ACCEPTING_TRAFFIC} only after every runner returned, so {@code /actuator/health}
 * stays 503 ({@code readinessState} {@code OUT_OF_SERVICE}) until the warm-up is over. Start-up waits
 * for it on the main thread (never an event loop), at most {@code max-duration}. A backend that is
 * down makes the warm-up shorter, never start-up fail. Afterwards every circuit breaker is reset, so
 * that what the warm-up saw (timeouts of a cold JVM, a backend that was down) is not counted by the
 * breakers the SLOs watch. The warm-up's users (u-901 … u-1000) are outside the ranges the load
 * tests and system tests use, so the last-known-good entries it leaves are not served to them.
 */
public final class WarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    /** Users the warm-up asks for: u-901 … u-1000. */
    static final int FIRST_USER = 901;
    static final int USERS = 100;

    private final WarmUpProperties properties;
    private final Environment environment;
    private final ResilienceRegistries registries;
    private final WebClient.Builder clients;
    private final AtomicInteger answered = new AtomicInteger();
    private volatile boolean done;

    public WarmUp(WarmUpProperties properties, Environment environment, ResilienceRegistries registries,
            WebClient.Builder clients) {
        this.properties = properties;
        this.environment = environment;
        this.registries = registries;
        this.clients = clients;
    }

    /** Whether the warm-up has run (or was skipped) and start-up may go on to readiness. */
    public boolean done() {
        return done;
    }

    /** How many warm-up dashboards were answered (any status). */
    public int answered() {
        return answered.get();
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            if (properties.enabled() && properties.requests() > 0) {
                warmUp();
            }
        } finally {
            done = true;
        }
    }

    private void warmUp() {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            log.info("Warm-up skipped: no server port");
            return;
        }
        WebClient client = clients.clone().baseUrl("http://127.0.0.1:" + port).build();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger calls = answered;
        long started = System.nanoTime();
        Mono<Void> burst = Flux.range(0, properties.requests())
                .flatMap(i -> client.get().uri("/dashboard/u-" + (FIRST_USER + i % USERS))
                        .exchangeToMono(response -> {
                            calls.incrementAndGet();
                            if (response.statusCode().is2xxSuccessful()) {
                                ok.incrementAndGet();
                            }
                            return response.releaseBody();
                        })
                        .onErrorResume(e -> Mono.empty()), properties.concurrency())
                .take(properties.maxDuration())
                .then();
        Duration bound = properties.maxDuration().plusSeconds(1);
        try {
            // the main thread waits (start-up is synchronous by design); the calls run on the event loops
            burst.toFuture().get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Warm-up did not finish within {}; going on", bound);
        } catch (ExecutionException e) {
            log.warn("Warm-up failed; going on: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registries.circuitBreakers().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
        log.info("Warm-up: {} of {} dashboards answered 200 in {} ms; circuit breakers reset",
                ok.get(), calls.get(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}

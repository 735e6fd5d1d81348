package dev.mosaic.gateway.drain;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import reactor.core.scheduler.Schedulers;

/**
 * The first step of a shutdown (SIGTERM): the instance stays up for {@code mosaic.gateway.drain.delay}
 * while everyone in front of it notices it is leaving, then Spring Boot's graceful shutdown stops
 * accepting connections and finishes the requests in flight.
 *
 * <p>By the time this stops, Spring Boot has already published readiness {@code REFUSING_TRAFFIC}
 * ({@code /actuator/health/readiness} answers 503 on the management port, which stays up until the
 * graceful shutdown is over). During the delay the server still serves, but every answer says
 * {@code Connection: close} ({@link ConnectionCloseWhileDraining}), so a client or load balancer on a
 * kept-alive connection opens its next one elsewhere. Its phase is above Boot's graceful-shutdown
 * phase, so this runs first; it waits on a timer, never by blocking a thread.
 */
public final class GracefulDrain implements SmartLifecycle {

    /** Stopped before the web server's graceful shutdown, which stops accepting connections. */
    static final int PHASE = WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 512;

    private static final Logger log = LoggerFactory.getLogger(GracefulDrain.class);

    private final Duration delay;
    private volatile boolean running;
    private volatile boolean draining;

    public GracefulDrain(Duration delay) {
        this.delay = delay;
    }

    /** Whether the instance is leaving: answers should close their connection. */
    public boolean draining() {
        return draining;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        draining = true;
        running = false;
    }

    @Override
    public void stop(Runnable callback) {
        stop();
        log.info("Draining for {} ms: readiness is REFUSING_TRAFFIC and every answer closes its connection; "
                + "then the server stops accepting and finishes the requests in flight", delay.toMillis());
        if (delay.isZero()) {
            callback.run();
            return;
        }
        Schedulers.parallel().schedule(callback, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}

package dev.mosaic.systemtests.replicas;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import dev.mosaic.systemtests.stack.Http;

/**
 * An open-model load: one request every {@code 1/rate} seconds for a bounded time, each on its own
 * schedule whatever the answers do (a stall shows as slow or failed requests, not as fewer of them),
 * every outcome recorded with its send and end times.
 */
final class SteadyLoad {

    /** One request: when it was sent and answered (nanoTime), its status (0: no answer) and content type. */
    record Outcome(long sentNanos, long endNanos, int status, String contentType, String body) {
        Duration took() {
            return Duration.ofNanos(endNanos - sentNanos);
        }
    }

    private final ConcurrentLinkedQueue<CompletableFuture<Outcome>> outcomes = new ConcurrentLinkedQueue<>();
    private volatile long eventNanos;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

    /**
     * Starts sending {@code request(i)} at {@code rate} per second for {@code duration}, and runs
     * {@code event} (a kill, a SIGTERM) on the same schedule {@code eventAt} after the start; returns at once.
     */
    static SteadyLoad start(int rate, Duration duration, IntFunction<HttpRequest.Builder> request,
            Duration eventAt, Runnable event) {
        SteadyLoad load = new SteadyLoad();
        load.ticks.schedule(() -> {
            load.eventNanos = System.nanoTime();
            event.run();
        }, eventAt.toNanos(), TimeUnit.NANOSECONDS);
        long period = TimeUnit.SECONDS.toNanos(1) / rate;
        long count = duration.toNanos() / period;
        int[] next = {0};
        load.ticks.scheduleAtFixedRate(() -> {
            if (next[0] >= count) {
                load.ticks.shutdown(); // the event, if still due, runs all the same
                return;
            }
            long sent = System.nanoTime();
            load.outcomes.add(Http.sendAsync(request.apply(next[0]++))
                    .handle((response, failure) -> outcome(sent, response)));
        }, 0, period, TimeUnit.NANOSECONDS);
        return load;
    }

    private static Outcome outcome(long sent, HttpResponse<String> response) {
        long end = System.nanoTime();
        if (response == null) {
            return new Outcome(sent, end, 0, null, null);
        }
        return new Outcome(sent, end, response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    /** When the event ran (nanoTime). */
    long eventNanos() {
        return eventNanos;
    }

    /** Waits for the schedule to end and every request to be answered (or to time out, status 0). */
    List<Outcome> awaitAll() throws InterruptedException {
        if (!ticks.awaitTermination(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the load did not end");
        }
        List<Outcome> all = new ArrayList<>();
        for (CompletableFuture<Outcome> outcome : outcomes) {
            all.add(outcome.join());
        }
        return all;
    }
}

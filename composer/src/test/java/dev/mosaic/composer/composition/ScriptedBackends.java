package dev.mosaic.composer.composition;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.mosaic.composer.client.BackendCallException;
import dev.mosaic.composer.client.BackendClient;
import dev.mosaic.composer.client.ForwardedHeaders;
import dev.mosaic.composer.client.RequestSent;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Backends for virtual-time tests: each path answers after a scripted delay on Reactor's (virtual)
 * clock, and every call's start time and URI is recorded.
 */
final class ScriptedBackends implements BackendClient {

    /**
     * A call as it started.
     *
     * @param pathAndQuery what was asked
     * @param startedAtMillis when, on the virtual clock
     * @param timeoutMillis the {@code X-Mosaic-Timeout-Ms} it carried, or -1
     */
    record Call(String pathAndQuery, long startedAtMillis, long timeoutMillis) {
    }

    private record Answer(Duration delay, int status, String body) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    /** {@code GET path} (without query) answers {@code body} after {@code delayMs}. */
    ScriptedBackends answer(String path, long delayMs, String body) {
        answers.put(path, new Answer(Duration.ofMillis(delayMs), 200, body));
        return this;
    }

    /** {@code GET path} answers {@code status} after {@code delayMs}. */
    ScriptedBackends fail(String path, long delayMs, int status) {
        answers.put(path, new Answer(Duration.ofMillis(delayMs), status, null));
        return this;
    }

    @Override
    public Mono<byte[]> get(URI uri, ForwardedHeaders forwarded) {
        return Mono.deferContextual(context -> {
            RequestSent.mark(context);
            String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            calls.add(new Call(pathAndQuery, Schedulers.parallel().now(TimeUnit.MILLISECONDS),
                    forwarded.timeoutMillis()));
            Answer answer = answers.get(uri.getRawPath());
            if (answer == null) {
                return Mono.error(BackendCallException.status(404));
            }
            Mono<Long> wait = Mono.delay(answer.delay());
            return answer.status() == 200
                    ? wait.thenReturn(answer.body().getBytes(StandardCharsets.UTF_8))
                    : wait.then(Mono.error(BackendCallException.status(answer.status())));
        });
    }

    /** Every call so far, in start order. */
    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** When the call to {@code path} started, or -1 when none was made. */
    long startOf(String path) {
        return calls.stream().filter(c -> c.pathAndQuery().startsWith(path)).mapToLong(Call::startedAtMillis)
                .findFirst().orElse(-1);
    }

    /** The calls to {@code path}, with their start times and budgets. */
    List<Call> callsStartingWith(String path) {
        return calls.stream().filter(c -> c.pathAndQuery().startsWith(path)).toList();
    }

    /** The calls to {@code path}. */
    List<String> callsTo(String path) {
        return calls.stream().map(Call::pathAndQuery).filter(p -> p.startsWith(path)).toList();
    }
}

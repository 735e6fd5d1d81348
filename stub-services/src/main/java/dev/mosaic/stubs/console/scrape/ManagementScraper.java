package dev.mosaic.stubs.console.scrape;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import java.util.function.Consumer;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.context.Context;

/**
 * Reads {@code /actuator/prometheus} of a management endpoint with a non-blocking WebClient, within a
 * bounded time. The answer is always a {@link PartScrape}: a part that is down, slow or answering
 * errors is reported as unreachable (with the reason), never as an error of the console.
 */
public final class ManagementScraper implements AutoCloseable {

    /** Larger than any scrape of ours (about 100 KB with every histogram), small enough to bound memory. */
    private static final int MAX_SCRAPE_BYTES = 8 * 1024 * 1024;

    /** Reactor's subscription-local onErrorDropped hook ({@code Hooks.KEY_ON_ERROR_DROPPED}, package-private there). */
    private static final String LOCAL_ON_ERROR_DROPPED = "reactor.onErrorDropped.local";
    private static final Logger log = LoggerFactory.getLogger(ManagementScraper.class);

    private final ConnectionProvider connections;
    private final WebClient client;
    private final Duration timeout;
    private final Clock clock;

    /**
     * @param timeout how long one read may take, connect included
     * @param clock   timestamps of the scrapes
     */
    public ManagementScraper(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.connections = ConnectionProvider.builder("mosaic-console").maxConnections(4)
                .maxIdleTime(Duration.ofSeconds(10)).build();
        HttpClient http = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, timeout.toMillis()))
                .responseTimeout(timeout);
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_SCRAPE_BYTES))
                .build();
    }

    /** One read of {@code managementUrl + "/actuator/prometheus"}; never errors. */
    public Mono<PartScrape> scrape(String part, URI managementUrl) {
        String url = managementUrl.toString().replaceAll("/+$", "");
        return client.get().uri(url + "/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(timeout)
                .map(text -> PartScrape.of(part, url, clock.instant(), PrometheusText.parse(text)))
                .onErrorResume(e -> Mono.just(PartScrape.unreachable(part, url, clock.instant(), describe(e))))
                // a timeout that cancels a response whose body is on its way makes the codec report the
                // release it then sees: already answered as unreachable, not worth an ERROR line a second
                .contextWrite(Context.of(LOCAL_ON_ERROR_DROPPED, (Consumer<Throwable>) dropped ->
                        log.debug("{} read of {} ended after it was given up: {}", part, url, dropped.toString())));
    }

    /** A short, human reason for a failed read. */
    String describe(Throwable e) {
        if (e instanceof WebClientResponseException response) {
            return "HTTP " + response.getStatusCode().value();
        }
        Throwable cause = e instanceof WebClientRequestException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.ReadTimeoutException
                || cause instanceof io.netty.channel.ConnectTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        connections.dispose();
    }
}

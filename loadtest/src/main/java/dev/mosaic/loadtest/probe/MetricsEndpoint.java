package dev.mosaic.loadtest.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A Prometheus endpoint the probe scrapes. An endpoint that does not answer, or answers anything
 * but 200, yields an empty scrape: the probe records "unknown", it never fails the run.
 *
 * <pre>{@code
 * MetricsEndpoint composer = MetricsEndpoint.at(http, URI.create("http://127.0.0.1:8091/actuator/prometheus"));
 * }</pre>
 */
public final class MetricsEndpoint {

    /** A scrape slower than this is treated as missing, so one slow part cannot stall the probe. */
    public static final Duration TIMEOUT = Duration.ofMillis(800);

    private final HttpClient http;
    private final URI uri;
    private final Duration timeout;

    private MetricsEndpoint(HttpClient http, URI uri, Duration timeout) {
        this.http = http;
        this.uri = uri;
        this.timeout = timeout;
    }

    /** The endpoint at {@code uri}, with the default {@link #TIMEOUT}. */
    public static MetricsEndpoint at(HttpClient http, URI uri) {
        return at(http, uri, TIMEOUT);
    }

    /** The endpoint at {@code uri}; a scrape slower than {@code timeout} counts as missing. */
    public static MetricsEndpoint at(HttpClient http, URI uri, Duration timeout) {
        return new MetricsEndpoint(http, uri, timeout);
    }

    /** The endpoint of a Spring Boot management base URL ({@code …/actuator/prometheus}). */
    public static MetricsEndpoint actuator(HttpClient http, URI managementBase) {
        return actuator(http, managementBase, TIMEOUT);
    }

    /** As {@link #actuator(HttpClient, URI)}, with its own timeout. */
    public static MetricsEndpoint actuator(HttpClient http, URI managementBase, Duration timeout) {
        return at(http, URI.create(managementBase + "/actuator/prometheus"), timeout);
    }

    public URI uri() {
        return uri;
    }

    /** Scrapes once; empty when the endpoint is unreachable, slow or not 200. Runs on the caller's thread. */
    public PrometheusText scrape() {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "text/plain;version=0.0.4").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? PrometheusText.parse(response.body()) : PrometheusText.empty();
        } catch (IOException e) {
            return PrometheusText.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PrometheusText.empty();
        }
    }
}

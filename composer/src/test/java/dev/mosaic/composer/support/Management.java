package dev.mosaic.composer.support;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.test.web.reactive.server.WebTestClient;

/** The composer's management port: scrapes and actuator reads for tests. */
public final class Management {

    private final WebTestClient client;

    private Management(int port) {
        this.client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    /** The management server on {@code port}. */
    public static Management on(int port) {
        return new Management(port);
    }

    /** The client, for JSON assertions. */
    public WebTestClient client() {
        return client;
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The value of the sample {@code series} (name and labels exactly as exposed), or 0 when absent. */
    public static double sample(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.Ee+-]+)$", Pattern.MULTILINE)
                .matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}

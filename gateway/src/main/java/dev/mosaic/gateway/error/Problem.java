package dev.mosaic.gateway.error;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * One RFC 9457 problem the gateway answers with.
 *
 * <p>{@code type} is a stable, documented URI per kind of problem, so that clients can branch on it
 * rather than on the wording of {@code detail}:
 * <pre>{@code
 * Problem.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests for this client")
 *        .retryAfter(Duration.ofSeconds(1));
 * }</pre>
 *
 * @param status     HTTP status
 * @param type       problem type URI ({@value #TYPE_BASE}{@code <slug>})
 * @param title      short, status-level summary
 * @param detail     what happened to this request, safe to show (never an exception message)
 * @param retryAfter how long the client should wait, or {@code null} when unknown
 */
public record Problem(HttpStatusCode status, URI type, String title, String detail, Duration retryAfter) {

    public static final String TYPE_BASE = "https://mosaic.dev/problems/";

    /** A problem whose title is the status' reason phrase. */
    public static Problem of(HttpStatusCode status, String slug, String detail) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known != null ? known.getReasonPhrase() : "Error";
        return new Problem(status, URI.create(TYPE_BASE + slug), title, detail, null);
    }

    /** The same problem with a {@code Retry-After} (rounded up to whole seconds, at least 1). */
    public Problem retryAfter(Duration wait) {
        return new Problem(status, type, title, detail, wait);
    }

    /** {@code Retry-After} in whole seconds, rounded up, or -1 when none. */
    public long retryAfterSeconds() {
        if (retryAfter == null) {
            return -1;
        }
        long millis = Math.max(1, retryAfter.toMillis());
        return (millis + 999) / 1000;
    }
}

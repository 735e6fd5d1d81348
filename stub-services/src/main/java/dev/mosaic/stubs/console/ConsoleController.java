package dev.mosaic.stubs.console;

import java.time.Duration;

import dev.mosaic.stubs.console.view.ConsoleFrame;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;

/**
 * The resilience console on the control plane: {@code GET /console} (the page),
 * {@code GET /console/{file}} (its scripts and styles) and {@code GET /console/stream}
 * (server-sent events, one {@code frame} per read, {@code data} = a {@link ConsoleFrame} as JSON).
 * The page changes chaos through the chaos API on the same origin; nothing here changes state.
 */
@RestController
class ConsoleController {

    /**
     * Everything the page loads comes from this origin: a page that tried a CDN would break visibly
     * in development, not only on a plane.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleAssets assets;
    private final ConsoleStream stream;

    ConsoleController(ConsoleAssets assets, ConsoleStream stream) {
        this.assets = assets;
        this.stream = stream;
    }

    @GetMapping({"/console", "/console/"})
    ResponseEntity<byte[]> page() {
        return file(ConsoleAssets.PAGE);
    }

    @GetMapping(path = "/console/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<ConsoleFrame>> frames() {
        return stream.frames().map(frame -> ServerSentEvent.builder(frame)
                .id(Long.toString(frame.sequence()))
                .event("frame")
                // a page that lost the stream reconnects soon (EventSource's own retry)
                .retry(Duration.ofSeconds(1))
                .build());
    }

    @GetMapping("/console/{file:[a-z]+\\.(?:js|css|svg)}")
    ResponseEntity<byte[]> file(@PathVariable String file) {
        ConsoleAssets.Asset asset = assets.get(file)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no console file " + file));
        return ResponseEntity.ok()
                .contentType(asset.type())
                .cacheControl(CacheControl.noCache())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .body(asset.bytes());
    }
}

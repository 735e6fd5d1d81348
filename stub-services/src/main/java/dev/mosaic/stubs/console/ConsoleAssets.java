package dev.mosaic.stubs.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

/**
 * The console's page and its few files, read from {@code classpath:console/} once at start and served
 * from memory: no I/O on the event loop, nothing fetched from anywhere else (no CDN: it works offline).
 */
final class ConsoleAssets {

    /** One file to serve. */
    record Asset(byte[] bytes, MediaType type) {
    }

    static final String PAGE = "index.html";
    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");
    private static final MediaType CSS = MediaType.parseMediaType("text/css;charset=UTF-8");
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    private static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");

    /** Every file the page uses; anything else under /console/ is a 404. */
    private static final Map<String, MediaType> FILES = Map.of(
            PAGE, HTML,
            "console.css", CSS,
            "console.js", JAVASCRIPT,
            "charts.js", JAVASCRIPT,
            "chaos.js", JAVASCRIPT,
            "format.js", JAVASCRIPT,
            "favicon.svg", SVG);

    private final Map<String, Asset> assets;

    private ConsoleAssets(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /** Reads every file; a missing one is a broken build and stops the start. */
    static ConsoleAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        FILES.forEach((name, type) -> {
            ClassPathResource resource = new ClassPathResource("console/" + name);
            try (InputStream in = resource.getInputStream()) {
                assets.put(name, new Asset(in.readAllBytes(), type));
            }
            catch (IOException e) {
                throw new UncheckedIOException("console asset classpath:console/" + name + " is missing from the build", e);
            }
        });
        return new ConsoleAssets(assets);
    }

    Optional<Asset> get(String name) {
        return Optional.ofNullable(assets.get(name));
    }
}

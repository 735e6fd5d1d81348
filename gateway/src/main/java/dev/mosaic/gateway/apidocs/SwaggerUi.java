package dev.mosaic.gateway.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.http.MediaType;

/**
 * The {@code /docs} page: Swagger UI from the {@code org.webjars:swagger-ui} jar, read into memory at
 * start. Only the files the page uses are served, under a path that carries the webjar's version (so
 * they can be cached for good): the bundle, its stylesheet and the icon; the page and the small
 * script that points Swagger UI at {@code /openapi.json} are the gateway's own. Everything comes from
 * this origin, which the page's Content-Security-Policy enforces.
 */
final class SwaggerUi {

    static final String PAGE = "/docs";
    static final String INITIALIZER = "/docs/swagger-initializer.js";
    static final MediaType JAVASCRIPT = new MediaType("text", "javascript", StandardCharsets.UTF_8);
    static final MediaType CSS = new MediaType("text", "css", StandardCharsets.UTF_8);
    /**
     * Scripts, styles and images from this origin only; Swagger UI sets some styles inline and draws
     * icons as {@code data:} SVG; "try it out" calls this origin. No frames, no plugins, no forms elsewhere.
     */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String[][] FILES = {
            {"swagger-ui-bundle.js", "js"}, {"swagger-ui.css", "css"}, {"favicon-32x32.png", "png"}};

    private SwaggerUi() {
    }

    /** Path → answer for the page, its script and the webjar files it references. */
    static Map<String, StaticResponse> responses() {
        String version = webjarVersion();
        String assets = PAGE + "/swagger-ui/" + version;
        Map<String, StaticResponse> responses = new LinkedHashMap<>();
        StaticResponse page = StaticResponse.of(text("apidocs/docs.html").replace("{{assets}}", assets),
                new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8), StaticResponse.REVALIDATE, POLICY);
        responses.put(PAGE, page);
        responses.put(PAGE + "/", page);
        responses.put(INITIALIZER, StaticResponse.of(text("apidocs/swagger-initializer.js"), JAVASCRIPT,
                StaticResponse.REVALIDATE, POLICY));
        for (String[] file : FILES) {
            MediaType type = switch (file[1]) {
                case "js" -> JAVASCRIPT;
                case "css" -> CSS;
                default -> MediaType.IMAGE_PNG;
            };
            responses.put(assets + "/" + file[0], StaticResponse.of(bytes(WEBJAR + version + "/" + file[0]), type,
                    StaticResponse.IMMUTABLE, POLICY));
        }
        return responses;
    }

    private static String webjarVersion() {
        Properties properties = new Properties();
        try (InputStream in = stream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static String text(String resource) {
        return new String(bytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = stream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is missing from the class path (org.webjars:swagger-ui)");
        }
        return in;
    }
}

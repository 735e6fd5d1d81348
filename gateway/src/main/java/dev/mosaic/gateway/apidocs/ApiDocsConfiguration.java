package dev.mosaic.gateway.apidocs;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mosaic.gateway.composition.CompositionRoutes;
import dev.mosaic.gateway.error.ProblemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /openapi.json} and {@code GET /docs}. The compositions are fixed at start, so the
 * document is rendered once, here, and served as bytes; no request ever builds or serialises it.
 * No token needed (they are outside {@code /api/**}); like every request they count against the
 * caller's address in the rate limiter.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsConfiguration {

    /** Where the document is served. */
    public static final String DOCUMENT = "/openapi.json";

    @Bean
    ApiDocsHandlerMapping apiDocsHandlerMapping(CompositionRoutes compositions, JsonMapper json,
            ObjectProvider<BuildProperties> build, ProblemWriter writer) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties != null && properties.getVersion() != null ? properties.getVersion() : "dev";
        byte[] document = json.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(OpenApiDocument.of(compositions.all(), version));
        Map<String, StaticResponse> responses = new LinkedHashMap<>();
        responses.put(DOCUMENT, StaticResponse.of(document, MediaType.APPLICATION_JSON, StaticResponse.REVALIDATE,
                "default-src 'none'; frame-ancestors 'none'"));
        responses.putAll(SwaggerUi.responses());
        return new ApiDocsHandlerMapping(responses, writer);
    }
}

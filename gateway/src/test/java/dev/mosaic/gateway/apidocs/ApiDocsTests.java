package dev.mosaic.gateway.apidocs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mosaic.gateway.support.ApiDocsParsing;
import dev.mosaic.gateway.support.GatewayIntegrationTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /openapi.json} is a valid OpenAPI 3.1 document of every composition and pass-through
 * route (checked by a real parser, swagger-parser), served without a token, cacheable by ETag;
 * {@code GET /docs} is a page whose every asset is served by the gateway itself.
 */
class ApiDocsTests extends GatewayIntegrationTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    @Test
    void theDocumentIsAValidOpenApi31DocumentOfEveryRoute() {
        SwaggerParseResult result = parse(document());
        OpenAPI api = result.getOpenAPI();

        assertThat(result.getMessages()).as("parser messages").isEmpty();
        assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(api.getOpenapi()).startsWith("3.1");
        assertThat(api.getPaths()).containsKeys("/api/dashboard/{userId}", "/api/order-detail/{orderId}",
                "/api/me/dashboard", "/api/users/{userId}", "/api/orders", "/api/recommendations", "/openapi.json");
        backends().verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void pathParametersCarryTheirCompositionsPattern() {
        OpenAPI api = parse(document()).getOpenAPI();

        assertThat(parameter(api, "/api/order-detail/{orderId}", "orderId").getSchema().getPattern())
                .isEqualTo("^(?:[A-Za-z0-9_-]{1,64})$");
        assertThat(parameter(api, "/api/dashboard/{userId}", "userId").getSchema().getPattern())
                .isEqualTo("^[A-Za-z0-9_-]{1,64}$");
        assertThat(parameter(api, "/api/order-detail/{orderId}", "include").getSchema().getItems().getEnum())
                .containsExactly("order", "user", "products");
    }

    @Test
    void theOkSchemaHasThePathVariablesTheSectionsAndMeta() {
        OpenAPI api = parse(document()).getOpenAPI();
        Operation get = api.getPaths().get("/api/order-detail/{orderId}").getGet();
        String ref = get.getResponses().get("200").getContent().get("application/json").getSchema().get$ref();
        var schema = api.getComponents().getSchemas().get(ref.substring(ref.lastIndexOf('/') + 1));

        assertThat(schema.getProperties()).containsKeys("orderId", "order", "user", "products", "meta");
        assertThat(get.getResponses().get("200").getHeaders()).containsKeys("X-Composition",
                "X-Composition-Complete", "X-Degraded-Sections", "Server-Timing", "X-Trace-Id");
        var sectionMeta = api.getComponents().getSchemas().get("SectionMeta");
        assertThat(sectionMeta.getProperties()).containsKeys("status", "source", "reason", "attempts", "latencyMs",
                "staleAgeMs", "hedged");
        List<?> reasons = ((io.swagger.v3.oas.models.media.Schema<?>) sectionMeta.getProperties().get("reason")).getEnum();
        assertThat(reasons).map(Object::toString).contains("DEPENDENCY_FAILED", "OVERLOADED", "TIMEOUT");
    }

    @Test
    void everyCompositionDocumentsItsProblemResponsesAsProblemJson() {
        OpenAPI api = parse(document()).getOpenAPI();
        var responses = api.getPaths().get("/api/order-detail/{orderId}").getGet().getResponses();

        assertThat(responses).containsKeys("200", "400", "401", "403", "404", "429", "503", "504");
        var tooMany = api.getComponents().getResponses().get("TooManyRequests");
        assertThat(tooMany.getContent()).containsKey("application/problem+json");
        assertThat(tooMany.getHeaders()).containsKey("Retry-After");
        assertThat(api.getComponents().getSchemas().get("Problem").getRequired())
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "traceId");
    }

    @Test
    void bearerJwtIsTheGlobalSecurityAndTheDocumentItselfNeedsNone() {
        OpenAPI api = parse(document()).getOpenAPI();
        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get("bearerAuth");

        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        assertThat(bearer.getBearerFormat()).isEqualTo("JWT");
        assertThat(api.getSecurity()).hasSize(1);
        assertThat(api.getSecurity().get(0)).containsKey("bearerAuth");
        assertThat(api.getPaths().get("/openapi.json").getGet().getSecurity()).isEmpty();
    }

    @Test
    void theDocumentIsRevalidatedByItsETag() {
        var first = client.get().uri("/openapi.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .returnResult(byte[].class);
        String etag = first.getResponseHeaders().getETag();

        assertThat(etag).startsWith("\"");
        client.get().uri("/openapi.json").header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, etag);
    }

    @Test
    void headAnswersTheHeadersOnly() {
        client.head().uri("/openapi.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().isEmpty();
    }

    @Test
    void postToTheDocumentIsA405Problem() {
        assertProblem(client.post().uri("/openapi.json").bodyValue("{}").exchange(), 405);
    }

    @Test
    void theDocsPageReferencesOnlyLocalAssetsAndEachIsServed() {
        String page = client.get().uri("/docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("script-src 'self'").contains("connect-src 'self'"))
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> assets = new ArrayList<>();
        Matcher m = ASSET.matcher(page);
        while (m.find()) {
            assets.add(m.group(1));
        }

        assertThat(assets).as("assets of the page").hasSize(4)
                .allSatisfy(asset -> assertThat(asset).startsWith("/docs/").doesNotContain("//"));
        for (String asset : assets) {
            client.get().uri(asset).exchange()
                    .expectStatus().isOk()
                    .expectHeader().exists(HttpHeaders.CONTENT_TYPE)
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        }
        String initializer = client.get().uri("/docs/swagger-initializer.js").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/javascript")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(initializer).contains("url: '/openapi.json'").doesNotContain("http");
    }

    @Test
    void webjarFilesTheDocsPageDoesNotUseAreNotServed() {
        String page = client.get().uri("/docs").exchange().expectBody(String.class).returnResult().getResponseBody();
        Matcher css = Pattern.compile("href=\"(/docs/swagger-ui/[^/]+/)swagger-ui.css\"").matcher(page);
        assertThat(css.find()).as("the stylesheet's versioned path").isTrue();

        for (String unused : List.of("index.html", "swagger-initializer.js", "swagger-ui-standalone-preset.js",
                "swagger-ui.js", "oauth2-redirect.html")) {
            assertProblem(client.get().uri(css.group(1) + unused).exchange(), 404);
        }
        assertProblem(client.get().uri(css.group(1).replace("/docs/", "/webjars/") + "swagger-ui.css").exchange(), 404);
    }

    private String document() {
        byte[] body = client.get().uri("/openapi.json").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody().returnResult().getResponseBody();
        assertThat(body).isNotNull();
        return new String(body, StandardCharsets.UTF_8);
    }

    private static SwaggerParseResult parse(String json) {
        return ApiDocsParsing.parse(json);
    }

    private static Parameter parameter(OpenAPI api, String path, String name) {
        return api.getPaths().get(path).getGet().getParameters().stream()
                .filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name + " on " + path));
    }
}

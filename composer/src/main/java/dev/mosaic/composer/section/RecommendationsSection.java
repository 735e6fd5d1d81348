package dev.mosaic.composer.section;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mosaic.composer.config.ComposerProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recommendations ({@code GET /recommendations?userId=..&limit=10}): the {@code items} array, with
 * the configured "popular" list as static fallback
 * ({@code mosaic.composer.recommendations.popular[n].product-id/title}).
 */
@Component
@Order(3)
final class RecommendationsSection implements Section {

    /** Recommendations shown on a dashboard. */
    static final int LIMIT = 10;

    private final SectionPayload popular;

    RecommendationsSection(ComposerProperties properties, JsonMapper jsonMapper) {
        List<Map<String, Object>> items = properties.recommendations().popular().stream()
                .map(item -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("productId", item.productId());
                    json.put("title", item.title());
                    json.put("reason", "POPULAR");
                    return json;
                })
                .toList();
        this.popular = items.isEmpty() ? null : SectionPayload.ofJson(jsonMapper.writeValueAsString(items));
    }

    @Override
    public String name() {
        return "recommendations";
    }

    @Override
    public URI uri(String baseUrl, String userId) {
        return URI.create(baseUrl + "/recommendations?userId=" + userId + "&limit=" + LIMIT);
    }

    @Override
    public SectionPayload extract(byte[] body) {
        return JsonSlices.arrayField(body, "items");
    }

    @Override
    public SectionPayload staticFallback() {
        return popular;
    }
}

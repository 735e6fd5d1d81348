package dev.mosaic.composer.composition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mosaic.composer.section.SectionOutcome;
import dev.mosaic.compositions.Reference;
import dev.mosaic.compositions.RequestTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The values a dependent section's template reads from the sections it needs: their selected JSON,
 * parsed once per dependency (only dependents pay for a tree). A text, number or boolean is a value;
 * null, a missing field, an object or an array is none.
 */
final class SectionValues implements RequestTemplate.Values {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> params;
    private final Map<String, SectionOutcome> dependencies;
    /** Parsed dependencies, made on first use: a section that needs none (most) allocates nothing here. */
    private Map<String, JsonNode> trees;

    SectionValues(Map<String, String> params, Map<String, SectionOutcome> dependencies) {
        this.params = params;
        this.dependencies = dependencies;
    }

    @Override
    public String param(String name) {
        return params.get(name);
    }

    @Override
    public List<String> values(Reference reference) {
        JsonNode node = navigate(tree(reference.section()), reference.path());
        List<String> values = new ArrayList<>();
        if (!reference.fanOut()) {
            add(node, values);
            return values;
        }
        if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                add(navigate(element, reference.elementPath()), values);
            }
        }
        return values;
    }

    /** The one value a reference names, or null. */
    String single(Reference reference) {
        List<String> values = values(reference);
        return values.isEmpty() ? null : values.get(0);
    }

    private JsonNode tree(String section) {
        if (trees == null) {
            trees = new java.util.HashMap<>(4);
        }
        return trees.computeIfAbsent(section, name -> {
            SectionOutcome outcome = dependencies.get(name);
            if (outcome == null || outcome.payload() == null) {
                return null;
            }
            try {
                return JSON.readTree(outcome.payload().bytes());
            } catch (JacksonException e) {
                // payloads were validated when they were cut out; this cannot happen
                return null;
            }
        });
    }

    private static JsonNode navigate(JsonNode node, List<String> path) {
        JsonNode current = node;
        for (String name : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(name);
        }
        return current;
    }

    private static void add(JsonNode node, List<String> values) {
        if (node != null && (node.isString() || node.isNumber() || node.isBoolean())) {
            values.add(node.asString());
        }
    }
}

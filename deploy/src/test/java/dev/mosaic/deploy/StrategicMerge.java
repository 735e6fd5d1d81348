package dev.mosaic.deploy;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The part of Kubernetes' strategic merge patch that the overlays use: mappings merge field by
 * field; a list of mappings that all have a {@code name} (containers, env, ports, volumes,
 * volumeMounts) merges entry by entry on that name, new names appended; any other value replaces
 * the original. ({@code $patch} directives are not supported and would be refused as unknown
 * fields when the result is read.)
 */
final class StrategicMerge {

    private StrategicMerge() {
    }

    static void apply(ObjectNode target, ObjectNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode original = target.get(field.getKey());
            JsonNode change = field.getValue();
            if (original instanceof ObjectNode object && change instanceof ObjectNode changes) {
                apply(object, changes);
            } else if (original instanceof ArrayNode list && change instanceof ArrayNode changes
                    && byName(list) && byName(changes)) {
                mergeByName(list, changes);
            } else {
                target.set(field.getKey(), change.deepCopy());
            }
        }
    }

    private static void mergeByName(ArrayNode list, ArrayNode changes) {
        for (JsonNode change : changes) {
            String name = change.get("name").asString();
            ObjectNode existing = null;
            for (JsonNode entry : list) {
                if (name.equals(entry.get("name").asString())) {
                    existing = (ObjectNode) entry;
                }
            }
            if (existing == null) {
                list.add(change.deepCopy());
            } else {
                apply(existing, (ObjectNode) change);
            }
        }
    }

    private static boolean byName(ArrayNode list) {
        for (JsonNode entry : list) {
            if (!entry.isObject() || !entry.path("name").isString()) {
                return false;
            }
        }
        return true;
    }
}

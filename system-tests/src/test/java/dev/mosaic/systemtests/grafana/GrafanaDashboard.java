package dev.mosaic.systemtests.grafana;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mosaic.systemtests.prometheus.PromQlExpression;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Grafana dashboard JSON file, read with Jackson: the document, its panels (rows included, also
 * those nested in collapsed rows) and the PromQL query of every target.
 */
public final class GrafanaDashboard {

    /** One query of one panel. */
    public record Query(int panelId, String panelTitle, String refId, String expr) {

        public PromQlExpression parsed() {
            return PromQlExpression.parse(expr);
        }

        @Override
        public String toString() {
            return "panel " + panelId + " \"" + panelTitle + "\" target " + refId + ": " + expr;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode document;

    private GrafanaDashboard(JsonNode document) {
        this.document = document;
    }

    public static GrafanaDashboard read(Path file) {
        try {
            return new GrafanaDashboard(JSON.readTree(Files.readString(file)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Every panel, rows and the panels inside collapsed rows included, in document order. */
    public List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : document.path("panels")) {
            panels.add(panel);
            for (JsonNode nested : panel.path("panels")) {
                panels.add(nested);
            }
        }
        return panels;
    }

    /** The panels that show data (every panel except rows). */
    public List<JsonNode> dataPanels() {
        return panels().stream().filter(p -> !"row".equals(p.path("type").asString())).toList();
    }

    /** Every target's PromQL, with the panel it belongs to. */
    public List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : dataPanels()) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(panel.path("id").asInt(), panel.path("title").asString(),
                        target.path("refId").asString(), target.path("expr").asString()));
            }
        }
        return queries;
    }
}

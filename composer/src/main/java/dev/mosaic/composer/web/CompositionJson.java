package dev.mosaic.composer.web;

import java.io.ByteArrayOutputStream;

import java.util.Map;

import dev.mosaic.composer.composition.Composed;
import dev.mosaic.composer.section.SectionOutcome;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes the 200 body of a composed answer with Jackson's streaming generator (each path variable,
 * each section, {@code meta}), splicing each section's validated raw JSON in as is: no tree, no
 * per-request serializer lookups.
 */
final class CompositionJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int INITIAL_CAPACITY = 4096;

    private CompositionJson() {
    }

    static byte[] write(Composed dashboard, boolean complete) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_CAPACITY);
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            for (Map.Entry<String, String> param : dashboard.params().entrySet()) {
                json.writeStringProperty(param.getKey(), param.getValue());
            }
            for (SectionOutcome s : dashboard.sections()) {
                json.writeName(s.name());
                if (s.payload() == null) {
                    json.writeNull();
                } else {
                    json.writeRawValue(s.payload().raw());
                }
            }
            json.writeName("meta");
            json.writeStartObject();
            json.writeBooleanProperty("complete", complete);
            json.writeName("sections");
            json.writeStartObject();
            for (SectionOutcome s : dashboard.sections()) {
                json.writeName(s.name());
                json.writeStartObject();
                json.writeStringProperty("status", s.status().name());
                json.writeStringProperty("source", s.source().name());
                if (s.reason() != null) {
                    json.writeStringProperty("reason", s.reason().name());
                }
                json.writeNumberProperty("attempts", s.attempts());
                json.writeNumberProperty("latencyMs", s.latencyMs());
                if (s.staleAgeMs() != null) {
                    json.writeNumberProperty("staleAgeMs", s.staleAgeMs().longValue());
                }
                if (s.hedged()) {
                    json.writeBooleanProperty("hedged", true);
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}

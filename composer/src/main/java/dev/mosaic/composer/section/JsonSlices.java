package dev.mosaic.composer.section;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Validates backend bodies with Jackson's streaming parser and cuts out the part the dashboard
 * needs as raw bytes: every token is checked, but no tree or object is built (about half the CPU of
 * a parse-to-tree plus re-serialise on this path).
 */
public final class JsonSlices {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonSlices() {
    }

    /** The whole body, which must be exactly one JSON object. */
    public static SectionPayload object(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadResponseException("expected a JSON object");
            }
            parser.skipChildren();
            expectEnd(parser);
            return SectionPayload.ofSlice(body, 0, body.length);
        } catch (JacksonException e) {
            throw new BadResponseException("unparsable JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The array under top-level property {@code field} of a body that must be one JSON object. */
    public static SectionPayload arrayField(byte[] body, String field) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadResponseException("expected a JSON object");
            }
            int start = -1;
            int end = -1;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (start < 0 && field.equals(name)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new BadResponseException("'" + field + "' is not an array");
                    }
                    start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    end = (int) parser.currentLocation().getByteOffset();
                } else {
                    parser.skipChildren();
                }
            }
            expectEnd(parser);
            if (start < 0) {
                throw new BadResponseException("missing '" + field + "'");
            }
            return SectionPayload.ofSlice(body, start, end - start);
        } catch (JacksonException e) {
            throw new BadResponseException("unparsable JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void expectEnd(JsonParser parser) {
        if (parser.nextToken() != null) {
            throw new BadResponseException("trailing content after the JSON value");
        }
    }
}

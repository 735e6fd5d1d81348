package dev.mosaic.composer.section;

import java.util.ArrayList;
import java.util.List;

import dev.mosaic.composer.client.BackendCallException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Validates backend bodies with Jackson's streaming parser and cuts out the value a section selects
 * (a JSON Pointer) as raw bytes: every token of the body is checked, but no tree or object is built
 * (about half the CPU of a parse-to-tree plus re-serialise on this path).
 *
 * <pre>{@code
 * JsonSlices.Selector items = JsonSlices.selector("/items");
 * SectionPayload payload = items.select(body);   // the bytes of the "items" value
 * }</pre>
 */
public final class JsonSlices {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonSlices() {
    }

    /**
     * A compiled JSON Pointer (RFC 6901) that cuts its value out of a body. The body must be a JSON
     * object or array as a whole, whatever is selected.
     */
    public static final class Selector {

        private final String pointer;
        private final String[] tokens;
        private final String type;

        private Selector(String pointer, String[] tokens, String type) {
            this.pointer = pointer;
            this.tokens = tokens;
            this.type = type;
        }

        /** The same pointer, requiring the selected value to be of JSON {@code type} ({@code any}: every value). */
        public Selector expecting(String type) {
            return new Selector(pointer, tokens, type);
        }

        /** The pointer as written. */
        public String pointer() {
            return pointer;
        }

        /** What the selector cuts out, as a key: two selectors with equal keys select the same value. */
        public String key() {
            return pointer + "|" + type;
        }

        /** The selected value of {@code body}. */
        public SectionPayload select(byte[] body) {
            try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
                    throw BackendCallException.badBody("expected a JSON object or array");
                }
                int[] found = { -1, -1 };
                if (tokens.length == 0) {
                    // the whole body: validate it, then keep it as it is (no copy)
                    requireType(first);
                    parser.skipChildren();
                    found[0] = 0;
                    found[1] = body.length;
                } else {
                    walk(parser, 0, found);
                }
                if (parser.nextToken() != null) {
                    throw BackendCallException.badBody("trailing content after the JSON value");
                }
                if (found[0] < 0) {
                    throw BackendCallException.badBody("no value at '" + pointer + "'");
                }
                return SectionPayload.ofSlice(body, found[0], found[1] - found[0]);
            } catch (JacksonException e) {
                throw BackendCallException.badBody("unparsable JSON: " + e.getOriginalMessage(), e);
            }
        }

        private void requireType(JsonToken token) {
            boolean ok = switch (type) {
                case "object" -> token == JsonToken.START_OBJECT;
                case "array" -> token == JsonToken.START_ARRAY;
                case "string" -> token == JsonToken.VALUE_STRING;
                case "number" -> token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
                case "boolean" -> token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
                default -> true;
            };
            if (!ok) {
                throw BackendCallException.badBody("the value at '" + pointer + "' is not " + (type.equals("array")
                        || type.equals("object") ? "an " : "a ") + type);
            }
        }

        /** With the parser on the first token of a value: records the selected value's bytes, reads past it. */
        private void walk(JsonParser parser, int depth, int[] found) {
            if (depth == tokens.length) {
                requireType(parser.currentToken());
                found[0] = (int) parser.currentTokenLocation().getByteOffset();
                parser.skipChildren();
                parser.finishToken();
                found[1] = (int) parser.currentLocation().getByteOffset();
                return;
            }
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    if (found[0] < 0 && tokens[depth].equals(name)) {
                        walk(parser, depth + 1, found);
                    } else {
                        parser.skipChildren();
                    }
                }
            } else if (token == JsonToken.START_ARRAY) {
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (found[0] < 0 && Integer.toString(index).equals(tokens[depth])) {
                        walk(parser, depth + 1, found);
                    } else {
                        parser.skipChildren();
                    }
                    index++;
                }
            }
        }
    }

    /** A selector for an RFC 6901 pointer ({@code ""}: the whole body). */
    public static Selector selector(String pointer) {
        if (pointer.isEmpty()) {
            return new Selector(pointer, new String[0], "any");
        }
        if (pointer.charAt(0) != '/') {
            throw new IllegalArgumentException("not a JSON Pointer: " + pointer);
        }
        List<String> tokens = new ArrayList<>();
        for (String raw : pointer.substring(1).split("/", -1)) {
            tokens.add(raw.replace("~1", "/").replace("~0", "~"));
        }
        return new Selector(pointer, tokens.toArray(String[]::new), "any");
    }
}

package dev.mosaic.compositions;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Date;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** YAML values as JSON, and JSON Pointer syntax. */
final class JsonValues {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonValues() {
    }

    /**
     * The JSON text of a value read from YAML.
     *
     * @throws IllegalArgumentException for what JSON cannot hold (timestamps, binary, NaN, non-text keys)
     */
    static String toJson(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null is no fallback; leave the field out for none");
        }
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            write(value, json);
        }
        return out.toString();
    }

    private static void write(Object value, JsonGenerator json) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            json.writeNumber(big);
        } else if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("'" + d + "' has no JSON form");
            }
            json.writeNumber(new BigDecimal(d.toString()));
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(item, json);
            }
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("key '" + e.getKey() + "' is not a text; quote it");
                }
                json.writeName(key);
                write(e.getValue(), json);
            }
            json.writeEndObject();
        } else if (value instanceof Date date) {
            // Date.toString() would show the JVM's time zone, not what the file says
            throw new IllegalArgumentException("'" + date.toInstant() + "' is a YAML timestamp, which JSON has not; "
                    + "quote it");
        } else {
            throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " has no JSON form");
        }
    }

    /** Whether {@code text} is an RFC 6901 JSON Pointer. */
    static boolean isPointer(String text) {
        if (text.isEmpty()) {
            return true;
        }
        if (text.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '~') {
                if (i + 1 >= text.length() || (text.charAt(i + 1) != '0' && text.charAt(i + 1) != '1')) {
                    return false;
                }
            }
        }
        return true;
    }
}

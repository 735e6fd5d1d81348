package dev.mosaic.compositions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A section's backend request, {@code /orders?userId={user.id}&limit=2}: literal text with
 * {@code {param}} and {@code {section.field}} placeholders. Parsed once at start-up; rendering encodes
 * every substituted value (RFC 3986 unreserved characters stay as they are), so a value can never add
 * a path segment or a query parameter.
 *
 * <pre>{@code
 * RequestTemplate t = composition.section("products").request();   // get: /products?ids={order.items[*].productId}
 * t.dependencies();   // [order]
 * t.render(values);   // "/products?ids=p-1,p-2", or null when the fan-out is empty
 * }</pre>
 */
public final class RequestTemplate {

    /** Supplies the values of a template's placeholders while it is rendered. */
    public interface Values {

        /** The (validated) value of path variable {@code name}. */
        String param(String name);

        /**
         * The values a reference names: one for a plain reference, each element's for a fan-out (in
         * order, duplicates allowed). A plain reference whose value is missing throws
         * {@link MissingValueException}.
         */
        List<String> values(Reference reference);
    }

    /** A reference whose value does not exist in the section's data. */
    public static final class MissingValueException extends RuntimeException {

        public MissingValueException(Reference reference) {
            super("no value for " + reference, null, false, false);
        }
    }

    private final String text;
    private final List<TemplatePart> parts;
    private final Set<String> dependencies;

    RequestTemplate(String text, List<TemplatePart> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
        Set<String> deps = new LinkedHashSet<>();
        for (TemplatePart part : parts) {
            if (part instanceof TemplatePart.Field field) {
                deps.add(field.reference().section());
            }
        }
        // template order, not Set.copyOf's per-JVM order: messages and start order stay the same every run
        this.dependencies = Collections.unmodifiableSet(deps);
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** Its pieces, in order. */
    public List<TemplatePart> parts() {
        return parts;
    }

    /** The sections this request needs values from, in the order the template first names them. */
    public Set<String> dependencies() {
        return dependencies;
    }

    /** The references to other sections, in order. */
    public List<Reference> references() {
        List<Reference> refs = new ArrayList<>();
        for (TemplatePart part : parts) {
            if (part instanceof TemplatePart.Field field) {
                refs.add(field.reference());
            }
        }
        return refs;
    }

    /**
     * The request path and query with every value encoded, or {@code null} when a fan-out has no
     * values (nothing to ask for: the section is answered without a call).
     */
    public String render(Values values) {
        StringBuilder uri = new StringBuilder(text.length() + 32);
        for (TemplatePart part : parts) {
            if (part instanceof TemplatePart.Literal literal) {
                uri.append(literal.text());
            } else if (part instanceof TemplatePart.Param param) {
                encode(values.param(param.name()), uri);
            } else if (part instanceof TemplatePart.Field field) {
                List<String> found = values.values(field.reference());
                if (field.reference().fanOut()) {
                    Set<String> distinct = new LinkedHashSet<>(found);
                    if (distinct.isEmpty()) {
                        return null;
                    }
                    boolean first = true;
                    for (String value : distinct) {
                        if (!first) {
                            uri.append(',');
                        }
                        encode(value, uri);
                        first = false;
                    }
                } else {
                    if (found.isEmpty()) {
                        throw new MissingValueException(field.reference());
                    }
                    encode(found.get(0), uri);
                }
            }
        }
        return uri.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Percent-encodes every UTF-8 byte but RFC 3986's unreserved characters, and a value that is only
     * {@code .} or {@code ..}.
     */
    static void encode(String value, StringBuilder out) {
        if (value.equals(".") || value.equals("..")) {
            // unreserved, yet a whole segment of dots would move the request up the backend's path
            out.append(value.length() == 1 ? "%2E" : "%2E%2E");
            return;
        }
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}

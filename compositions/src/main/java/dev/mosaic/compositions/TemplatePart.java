package dev.mosaic.compositions;

/** One piece of a {@link RequestTemplate}: literal text, a path variable, or a section reference. */
public sealed interface TemplatePart {

    /**
     * Text sent as written.
     *
     * @param text the text
     */
    record Literal(String text) implements TemplatePart {
    }

    /**
     * A path variable of the composition ({@code {userId}}), URL-encoded.
     *
     * @param name the variable
     */
    record Param(String name) implements TemplatePart {
    }

    /**
     * A value from another section ({@code {user.id}}, {@code {order.items[*].productId}}), URL-encoded;
     * a fan-out's values are distinct and comma-joined.
     *
     * @param reference what it refers to
     */
    record Field(Reference reference) implements TemplatePart {
    }
}

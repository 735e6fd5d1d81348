package dev.mosaic.compositions;

/**
 * Whose data a composition returns: the caller's token {@code sub} must equal a path variable
 * (checked before any backend call: 403) or a field of a section (checked as soon as that section
 * answers: 404, as if it did not exist), unless the token may read anyone's data.
 */
public sealed interface OwnerRule {

    /**
     * The owner is a path variable, {@code owner: "{userId}"}.
     *
     * @param name the variable
     */
    record PathVariable(String name) implements OwnerRule {
        @Override
        public String toString() {
            return "{" + name + "}";
        }
    }

    /**
     * The owner is a field of a (required) section, {@code owner: "{order.userId}"}.
     *
     * @param reference the field
     */
    record SectionField(Reference reference) implements OwnerRule {
        @Override
        public String toString() {
            return reference.toString();
        }
    }
}

package dev.mosaic.compositions;

/**
 * One thing wrong with a composition file.
 *
 * @param file the file
 * @param field the field, as a dotted path ({@code sections.orders.get}), or empty for the file
 * @param reason why it is wrong and, where it helps, what to write instead
 */
public record CompositionProblem(String file, String field, String reason) {

    @Override
    public String toString() {
        return file + (field.isEmpty() ? "" : ": " + field) + ": " + reason;
    }
}

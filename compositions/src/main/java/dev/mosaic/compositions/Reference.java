package dev.mosaic.compositions;

import java.util.List;

/**
 * A template's reference to another section's selected value: {@code {order.userId}} (one value) or
 * {@code {order.items[*].productId}} (every element's value: a fan-out).
 *
 * @param section the section referred to
 * @param path property names from the section's selected value to the value, or to the array of a
 *     fan-out (may be empty: {@code {ids[*]}} fans out the selected value itself)
 * @param fanOut whether {@code path} names an array whose elements are each read
 * @param elementPath for a fan-out, property names from each element to its value (may be empty)
 */
public record Reference(String section, List<String> path, boolean fanOut, List<String> elementPath) {

    public Reference {
        path = List.copyOf(path);
        elementPath = List.copyOf(elementPath);
    }

    /** The reference as written in a template, e.g. {@code {order.items[*].productId}}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{").append(section);
        path.forEach(p -> text.append('.').append(p));
        if (fanOut) {
            text.append("[*]");
            elementPath.forEach(p -> text.append('.').append(p));
        }
        return text.append('}').toString();
    }
}

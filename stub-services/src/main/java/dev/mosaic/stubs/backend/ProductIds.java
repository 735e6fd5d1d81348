package dev.mosaic.stubs.backend;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code ids} query parameter of {@code GET /products?ids=p-1001,p-1002}: exactly one parameter,
 * a comma-separated list of {@value #MIN_IDS}–{@value #MAX_IDS} ids, each matching {@value #ID_PATTERN}.
 * The bound counts the ids as sent; a repeated id is answered once, where it first appears (a lookup
 * of a set of products, as a batch client expects), so a caller never has to deduplicate.
 *
 * @param ids     the distinct ids in the order asked; empty when {@code problem} is set
 * @param problem why the query is refused (a 400), or {@code null}
 */
record ProductIds(List<String> ids, String problem) {

    static final int MIN_IDS = 1;
    static final int MAX_IDS = 50;
    static final String ID_PATTERN = "^[A-Za-z0-9_-]{1,64}$";

    private static final Pattern ID = Pattern.compile(ID_PATTERN);

    /** Parses the values of {@code ids} (already URL-decoded, so {@code %2C} is a comma too). */
    static ProductIds parse(List<String> values) {
        if (values.size() != 1 || values.get(0).isEmpty()) {
            return refused("exactly one non-empty ids query parameter is required, e.g. ids=p-1001,p-1002");
        }
        // -1 keeps trailing empty entries, so "p-1," is refused instead of read as "p-1".
        String[] asked = values.get(0).split(",", -1);
        if (asked.length > MAX_IDS) {
            return refused("at most " + MAX_IDS + " ids per request; got " + asked.length);
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String id : asked) {
            if (!ID.matcher(id).matches()) {
                return refused("every id must match " + ID_PATTERN + "; got '" + abbreviate(id) + "'");
            }
            distinct.add(id);
        }
        return new ProductIds(List.copyOf(distinct), null);
    }

    boolean valid() {
        return problem == null;
    }

    private static ProductIds refused(String problem) {
        return new ProductIds(List.of(), problem);
    }

    private static String abbreviate(String id) {
        return id.length() <= 70 ? id : id.substring(0, 70) + "…";
    }
}

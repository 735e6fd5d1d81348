package dev.mosaic.composer.web;

import java.util.List;

/** {@code If-None-Match} evaluation with the weak comparison RFC 9110 prescribes for it. */
final class ETags {

    private ETags() {
    }

    /** Whether any of the {@code If-None-Match} values matches {@code etag}. */
    static boolean matches(List<String> ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isEmpty()) {
            return false;
        }
        String opaque = opaque(etag);
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*") || opaque(tag).equals(opaque)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}

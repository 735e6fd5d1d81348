package dev.mosaic.composer.section;

import java.net.URI;

/**
 * One part of the dashboard: which backend path to call and how to turn the backend's body into the
 * dashboard field. Everything else (client, resilience policy, cache, fallback order) is generic
 * and driven by {@code mosaic.composer.sources.<name>}, so a fourth backend is one small class like
 * this plus its configuration.
 *
 * <pre>{@code
 * @Component @Order(4)
 * final class WishlistSection implements Section {
 *     public String name() { return "wishlist"; }
 *     public URI uri(String baseUrl, String userId) { return URI.create(baseUrl + "/wishlists/" + userId); }
 *     public SectionPayload extract(byte[] body) { return JsonSlices.arrayField(body, "items"); }
 * }
 * }</pre>
 */
public interface Section {

    /** The section's name: its dashboard field, its {@code meta.sections} key and its config key. */
    String name();

    /** Whether the dashboard fails without this section, unless configured otherwise. */
    default boolean requiredByDefault() {
        return false;
    }

    /**
     * The backend request for a user.
     *
     * @param baseUrl the configured base URL, without trailing slash
     * @param userId an already validated id ({@code ^[A-Za-z0-9_-]{1,64}$}), safe in a URI as is
     */
    URI uri(String baseUrl, String userId);

    /**
     * Validates the backend body and cuts out the dashboard field.
     *
     * @throws BadResponseException when the body is not the JSON this section expects
     */
    SectionPayload extract(byte[] body);

    /** A static default served as {@code FALLBACK} when neither live nor cached data exist, or null. */
    default SectionPayload staticFallback() {
        return null;
    }
}

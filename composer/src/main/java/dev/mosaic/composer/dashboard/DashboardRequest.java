package dev.mosaic.composer.dashboard;

import java.util.Set;

import dev.mosaic.composer.client.ForwardedHeaders;

/**
 * A validated dashboard request.
 *
 * @param userId the user, already matching {@code ^[A-Za-z0-9_-]{1,64}$}
 * @param include the sections to fetch (known names only)
 * @param forwarded headers to pass on to the backends
 */
public record DashboardRequest(String userId, Set<String> include, ForwardedHeaders forwarded) {
}

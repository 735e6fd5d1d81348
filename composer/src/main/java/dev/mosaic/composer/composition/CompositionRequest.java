package dev.mosaic.composer.composition;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import dev.mosaic.composer.client.ForwardedHeaders;
import dev.mosaic.composer.identity.Identity;

/**
 * A validated request for one composition.
 *
 * @param params every path variable's value, already matching its pattern, in path order
 * @param include the sections to return (known names only)
 * @param forwarded headers to pass on to the backends
 * @param identity the verified caller, or null (only for compositions that allow anonymous internal calls)
 * @param timeout the budget the client asked for ({@code X-Mosaic-Timeout-Ms}), or null; the request's
 *     deadline is the smaller of it and the composition's
 */
public record CompositionRequest(Map<String, String> params, Set<String> include, ForwardedHeaders forwarded,
        Identity identity, Duration timeout) {

    /** A request that keeps the composition's own deadline. */
    public CompositionRequest(Map<String, String> params, Set<String> include, ForwardedHeaders forwarded,
            Identity identity) {
        this(params, include, forwarded, identity, null);
    }
}

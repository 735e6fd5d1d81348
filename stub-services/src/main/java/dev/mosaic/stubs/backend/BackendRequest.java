package dev.mosaic.stubs.backend;

import java.util.List;
import java.util.function.Function;

/**
 * The parts of an HTTP request the backend contract looks at, free of WireMock types.
 *
 * @param method HTTP method, upper case
 * @param path   raw path without the query
 * @param query  the values of a query parameter (empty list when absent)
 */
record BackendRequest(String method, String path, Function<String, List<String>> query) {

    /** The raw path of a request URL such as {@code /orders?userId=u-1}. */
    static String pathOf(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}

package dev.mosaic.stubs.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps web pages out of the control plane (chaos, tokens, key rotation, the actuator), which has
 * no authentication: a page the developer visits must not mint tokens or change chaos.
 *
 * <ul>
 *   <li>Every request must name a loopback {@code Host} ({@code localhost}, {@code 127.0.0.1} or
 *       {@code [::1]}, any port), else 421 {@code misdirected-request}: a DNS-rebinding page talks
 *       to 127.0.0.1 under its own host name, which names itself in {@code Host}.</li>
 *   <li>A state-changing request (anything but GET, HEAD, OPTIONS) from another origin is refused
 *       with 403 {@code cross-origin-request}: an {@code Origin} other than the control plane's own
 *       (a loopback host on the port the request came in on), or {@code Sec-Fetch-Site} other than
 *       {@code same-origin} or {@code none}.</li>
 *   <li>A state-changing request with a body, or with a {@code Content-Type}, must be JSON
 *       ({@code application/json} or {@code application/*+json}), else 415
 *       {@code unsupported-media-type}: an HTML form or a {@code text/plain} fetch, which a browser
 *       sends cross-site without asking, never reaches a handler.</li>
 * </ul>
 *
 * Scripts and curl send neither {@code Origin} nor {@code Sec-Fetch-Site} and pass; so does the
 * control plane's own page (same origin).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ControlPlaneGuard implements WebFilter {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Set<HttpMethod> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<String> SAME_ORIGIN_FETCH = Set.of("same-origin", "none");
    private static final HttpStatusCode MISDIRECTED = HttpStatusCode.valueOf(421);

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        String host = hostName(headers.getFirst(HttpHeaders.HOST));
        if (host == null || !LOOPBACK_HOSTS.contains(host)) {
            return refuse(exchange, MISDIRECTED, "misdirected-request", "Misdirected request",
                    "the control plane answers only requests for a loopback host (localhost, 127.0.0.1, [::1]); "
                            + "Host was " + describe(headers.getFirst(HttpHeaders.HOST)));
        }
        if (SAFE_METHODS.contains(request.getMethod())) {
            return chain.filter(exchange);
        }
        String fetchSite = headers.getFirst("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_ORIGIN_FETCH.contains(fetchSite.toLowerCase(Locale.ROOT))) {
            return refuse(exchange, HttpStatus.FORBIDDEN, "cross-origin-request", "Cross-origin request",
                    "the control plane refuses state-changing requests from other sites (Sec-Fetch-Site: "
                            + describe(fetchSite) + ")");
        }
        String origin = headers.getFirst(HttpHeaders.ORIGIN);
        if (origin != null && !isOwnOrigin(origin, request)) {
            return refuse(exchange, HttpStatus.FORBIDDEN, "cross-origin-request", "Cross-origin request",
                    "the control plane refuses state-changing requests from another origin (Origin: "
                            + describe(origin) + ")");
        }
        if (hasBody(headers) || headers.getFirst(HttpHeaders.CONTENT_TYPE) != null) {
            if (!isJson(headers.getFirst(HttpHeaders.CONTENT_TYPE))) {
                return refuse(exchange, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                        "Unsupported media type", "a request body must be JSON: send Content-Type: application/json "
                                + "(Content-Type was " + describe(headers.getFirst(HttpHeaders.CONTENT_TYPE)) + ")");
            }
        }
        return chain.filter(exchange);
    }

    /** The host name of a {@code Host} value, lower case, without the port; null when unreadable. */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String value = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0 || !isPort(value.substring(end + 1))) {
                return null;
            }
            return value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            return value;
        }
        return isPort(value.substring(colon)) ? value.substring(0, colon) : null;
    }

    private static boolean isPort(String rest) {
        if (rest.isEmpty()) {
            return true;
        }
        if (rest.charAt(0) != ':' || rest.length() == 1 || rest.length() > 6) {
            return false;
        }
        return rest.substring(1).chars().allMatch(Character::isDigit);
    }

    /** {@code http://<loopback host>:<the port this request arrived on>}, as a page served here sends it. */
    private static boolean isOwnOrigin(String origin, ServerHttpRequest request) {
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawPath() != null
                && !uri.getRawPath().isEmpty()) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        return LOOPBACK_HOSTS.contains(host) && request.getLocalAddress() != null
                && port == request.getLocalAddress().getPort();
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static String describe(String value) {
        if (value == null) {
            return "absent";
        }
        String shown = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return "'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "'";
    }

    private Mono<Void> refuse(ServerWebExchange exchange, HttpStatusCode status, String type, String title,
                              String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemAdvice.TYPE_PREFIX + type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        problem.put("traceId", TraceIds.of(exchange));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setCacheControl("no-store");
        byte[] bytes = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        // read what the client sent first: closing on an unread body resets the connection, and the
        // client may lose the answer with it
        return exchange.getRequest().getBody().doOnNext(DataBufferUtils::release)
                .then(Mono.defer(() -> response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)))));
    }
}

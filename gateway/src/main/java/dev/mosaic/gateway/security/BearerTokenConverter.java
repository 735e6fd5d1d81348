package dev.mosaic.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The request's bearer token, read exactly as Spring Security's
 * {@code ServerBearerTokenAuthenticationConverter} reads it with its defaults (the {@code Authorization}
 * header only, never the query or a form body; RFC 6750's {@code b64token} syntax), but by a loop over
 * the characters instead of that class's regular expression and {@code Flux.merge} of three sources,
 * which took about 4 % of the gateway's CPU per proxied request (a 600-character token matched
 * character by character through a case-insensitive pattern).
 *
 * <ul>
 * <li>no {@code Authorization} header, or one that does not start with {@code bearer} (any case):
 * no token, so the request is anonymous and authorisation answers 401;</li>
 * <li>{@code Bearer <b64token>}: the token;</li>
 * <li>anything else that starts with {@code bearer}: 401 {@code invalid_token}, "Bearer token is
 * malformed".</li>
 * </ul>
 */
final class BearerTokenConverter implements ServerAuthenticationConverter {

    private static final String SCHEME = "Bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !StringUtils.startsWithIgnoreCase(header, "bearer")) {
            return Mono.empty();
        }
        String token = token(header);
        if (token == null) {
            return Mono.error(new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed")));
        }
        return Mono.just(new BearerTokenAuthenticationToken(token));
    }

    /**
     * The token of {@code Bearer <token>} (scheme in any case, one space), where the token is one or more
     * of {@code A-Z a-z 0-9 - . _ ~ + /} followed by any number of {@code =}; {@code null} otherwise.
     */
    static String token(String header) {
        int start = SCHEME.length();
        if (!header.regionMatches(true, 0, SCHEME, 0, start)) {
            return null;
        }
        int padding = header.length();
        while (padding > start && header.charAt(padding - 1) == '=') {
            padding--;
        }
        if (padding == start) {
            return null;
        }
        for (int i = start; i < padding; i++) {
            if (!isTokenChar(header.charAt(i))) {
                return null;
            }
        }
        return header.substring(start);
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}

package dev.mosaic.gateway.security;

import java.util.Set;

import dev.mosaic.gateway.error.Problem;
import dev.mosaic.gateway.error.ProblemWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's ways of saying no, each as problem+json: 401 with an RFC 6750
 * {@code WWW-Authenticate} challenge, 403 with {@code error="insufficient_scope"} (problem
 * {@code insufficient-scope} when the token lacks the scope the route needs, {@code forbidden} when it
 * names someone else's data or a path no rule allows), 400 for a request the firewall rejects
 * (encoded or dot-segment paths, {@code ;}, {@code \}, bad headers), and 503
 * {@code identity-provider-unavailable} with {@code Retry-After} when the token cannot be checked
 * because the identity provider's keys cannot be fetched.
 *
 * <p>Details stay generic: a caller learns that its token expired, not which check failed or why.
 */
public final class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler,
        ServerExchangeRejectedHandler, ServerAuthenticationFailureHandler {

    /** What the firewall lets through; anything else (TRACE, CONNECT, made-up verbs) is a 405. */
    private static final Set<HttpMethod> ALLOWED_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);

    private final ProblemWriter writer;

    public ProblemSecurityHandlers(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        boolean tokenPresent = failure instanceof OAuth2AuthenticationException;
        String detail;
        String challenge;
        if (!tokenPresent) {
            detail = "A bearer token is required";
            challenge = "Bearer";
        } else {
            boolean expired = String.valueOf(failure.getMessage()).toLowerCase().contains("expired");
            detail = expired ? "The bearer token has expired" : "The bearer token is malformed or not trusted";
            challenge = "Bearer error=\"invalid_token\", error_description=\"" + detail + "\"";
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return writer.write(exchange, Problem.of(HttpStatus.UNAUTHORIZED, "unauthorized", detail));
    }

    /**
     * A token that could not be checked: the identity provider unavailable → 503; any other failure
     * of the authentication machinery itself goes on as an error (a 500, logged once); a token that
     * was checked and refused → the 401 of {@link #commence}.
     */
    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange webFilterExchange, AuthenticationException failure) {
        ServerWebExchange exchange = webFilterExchange.getExchange();
        IdentityProviderUnavailableException unavailable = IdentityProviderUnavailableException.in(failure);
        if (unavailable != null) {
            return writer.write(exchange, Problem.of(HttpStatus.SERVICE_UNAVAILABLE, "identity-provider-unavailable",
                    "The bearer token cannot be checked now: the identity provider's keys are unavailable")
                    .retryAfter(unavailable.retryAfter()));
        }
        if (failure instanceof AuthenticationServiceException) {
            return Mono.error(failure);
        }
        return commence(exchange, failure);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        String missing = exchange.getAttribute(CallerScope.MISSING_SCOPE);
        if (CallerScope.READ_SCOPE.equals(missing)) {
            String detail = "The token lacks the scope " + missing + " this resource needs";
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"insufficient_scope\", error_description=\"" + detail + "\", scope=\"" + missing + "\"");
            return writer.write(exchange, Problem.of(HttpStatus.FORBIDDEN, "insufficient-scope", detail));
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                "Bearer error=\"insufficient_scope\", error_description=\"The token does not grant access to this resource\"");
        return writer.write(exchange, Problem.of(HttpStatus.FORBIDDEN, "forbidden",
                "The token does not grant access to this resource"));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        if (!ALLOWED_METHODS.contains(exchange.getRequest().getMethod())) {
            exchange.getResponse().getHeaders().setAllow(ALLOWED_METHODS);
            return writer.write(exchange, Problem.of(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                    "This method is not allowed at this gateway"));
        }
        return writer.write(exchange, Problem.of(HttpStatus.BAD_REQUEST, "rejected-request",
                "The request path or headers are not acceptable"));
    }
}

package dev.mosaic.gateway.security;

import java.util.List;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

/**
 * Authorisation rules that scope a request to its caller: the user id a request names must be the
 * token's subject, unless the token carries the {@value #READ_ANY_SCOPE} scope.
 *
 * <pre>{@code
 * .pathMatchers("/api/dashboard/{userId}/**").access(CallerScope.pathVariable("userId"))
 * .pathMatchers("/api/orders/**").access(CallerScope.queryParameter("userId"))
 * }</pre>
 */
public final class CallerScope implements ReactiveAuthorizationManager<AuthorizationContext> {

    public static final String READ_ANY_SCOPE = "dashboard:read:any";
    private static final String READ_ANY_AUTHORITY = "SCOPE_" + READ_ANY_SCOPE;

    private final String name;
    private final boolean fromPath;

    private CallerScope(String name, boolean fromPath) {
        this.name = name;
        this.fromPath = fromPath;
    }

    /** The path variable {@code name} must be the caller's subject. */
    public static CallerScope pathVariable(String name) {
        return new CallerScope(name, true);
    }

    /**
     * Every value of query parameter {@code name} must be the caller's subject, and there must be at
     * least one: a missing id, or a second one smuggled in ({@code ?userId=me&userId=you}), is denied.
     */
    public static CallerScope queryParameter(String name) {
        return new CallerScope(name, false);
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        List<String> requested = fromPath
                ? nullToEmpty(context.getVariables().get(name))
                : context.getExchange().getRequest().getQueryParams().getOrDefault(name, List.of());
        return authentication
                .filter(Authentication::isAuthenticated)
                .map(auth -> (AuthorizationResult) new AuthorizationDecision(permits(auth, requested)))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    private static boolean permits(Authentication auth, List<String> requested) {
        for (GrantedAuthority authority : auth.getAuthorities()) {
            if (READ_ANY_AUTHORITY.equals(authority.getAuthority())) {
                return true;
            }
        }
        String subject = auth.getName();
        return !requested.isEmpty() && requested.stream().allMatch(subject::equals);
    }

    private static List<String> nullToEmpty(Object value) {
        return value == null ? List.of() : List.of(value.toString());
    }
}

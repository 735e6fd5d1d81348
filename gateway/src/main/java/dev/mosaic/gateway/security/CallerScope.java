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
 * token's subject, unless the token may read anyone's data ({@value #READ_ANY_SCOPE} or
 * {@value #COMPOSITIONS_READ_ANY_SCOPE}, SPEC "Dev identity provider").
 *
 * <pre>{@code
 * .pathMatchers("/api/dashboard/{userId}/**").access(CallerScope.pathVariable("userId"))
 * .pathMatchers("/api/orders/**").access(CallerScope.queryParameter("userId"))
 * }</pre>
 */
public final class CallerScope implements ReactiveAuthorizationManager<AuthorizationContext> {

    /** What every composition needs (SPEC "Dev identity provider"). */
    public static final String READ_SCOPE = "dashboard:read";
    public static final String READ_AUTHORITY = "SCOPE_" + READ_SCOPE;
    /** Read anyone's data (the dashboard's historic name). */
    public static final String READ_ANY_SCOPE = "dashboard:read:any";
    /** Read anyone's data, for any composition. */
    public static final String COMPOSITIONS_READ_ANY_SCOPE = "compositions:read:any";
    private static final String READ_ANY_AUTHORITY = "SCOPE_" + READ_ANY_SCOPE;
    private static final String COMPOSITIONS_READ_ANY_AUTHORITY = "SCOPE_" + COMPOSITIONS_READ_ANY_SCOPE;

    private final String name;
    private final boolean fromPath;
    private final boolean anyoneOnly;

    private CallerScope(String name, boolean fromPath, boolean anyoneOnly) {
        this.name = name;
        this.fromPath = fromPath;
        this.anyoneOnly = anyoneOnly;
    }

    /** The path variable {@code name} must be the caller's subject. */
    public static CallerScope pathVariable(String name) {
        return new CallerScope(name, true, false);
    }

    /**
     * Every value of query parameter {@code name} must be the caller's subject, and there must be at
     * least one: a missing id, or a second one smuggled in ({@code ?userId=me&userId=you}), is denied.
     */
    public static CallerScope queryParameter(String name) {
        return new CallerScope(name, false, false);
    }

    /** Only a token that may read anyone's data: for resources whose owner the request does not name. */
    public static CallerScope readAny() {
        return new CallerScope(null, false, true);
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        List<String> requested = anyoneOnly ? List.of()
                : fromPath ? nullToEmpty(context.getVariables().get(name))
                : context.getExchange().getRequest().getQueryParams().getOrDefault(name, List.of());
        return authentication
                .filter(Authentication::isAuthenticated)
                .map(auth -> (AuthorizationResult) new AuthorizationDecision(permits(auth, requested)))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    private static boolean permits(Authentication auth, List<String> requested) {
        if (readsAnyone(auth)) {
            return true;
        }
        String subject = auth.getName();
        return !requested.isEmpty() && requested.stream().allMatch(subject::equals);
    }

    /** Whether the token may read anyone's data. */
    static boolean readsAnyone(Authentication auth) {
        for (GrantedAuthority authority : auth.getAuthorities()) {
            String name = authority.getAuthority();
            if (READ_ANY_AUTHORITY.equals(name) || COMPOSITIONS_READ_ANY_AUTHORITY.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the token carries {@value #READ_SCOPE}. */
    static boolean reads(Authentication auth) {
        for (GrantedAuthority authority : auth.getAuthorities()) {
            if (READ_AUTHORITY.equals(authority.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> nullToEmpty(Object value) {
        return value == null ? List.of() : List.of(value.toString());
    }
}

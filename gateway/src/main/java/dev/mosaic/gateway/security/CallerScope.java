package dev.mosaic.gateway.security;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Authorisation of a pass-through request of one documented shape (SPEC "Backend contract"): a
 * token that may read anyone's data ({@value #READ_ANY_SCOPE} or {@value #COMPOSITIONS_READ_ANY_SCOPE})
 * passes; any other must carry {@value #READ_SCOPE} and name its own subject as the user id; and the
 * query may hold only the parameters the shape documents, each at most once. Anything else is
 * denied (deny by default).
 *
 * <pre>{@code
 * .pathMatchers("/api/users/{userId}").access(CallerScope.pathVariable("userId"))
 * .pathMatchers("/api/orders").access(CallerScope.queryParameter("userId", "limit"))
 * }</pre>
 */
public final class CallerScope implements ReactiveAuthorizationManager<AuthorizationContext> {

    /** What every read at the edge needs (SPEC "Dev identity provider"). */
    public static final String READ_SCOPE = "dashboard:read";
    public static final String READ_AUTHORITY = "SCOPE_" + READ_SCOPE;
    /** Read anyone's data (the dashboard's historic name). */
    public static final String READ_ANY_SCOPE = "dashboard:read:any";
    /** Read anyone's data, for any composition. */
    public static final String COMPOSITIONS_READ_ANY_SCOPE = "compositions:read:any";
    /**
     * Exchange attribute naming the scope whose absence denied the request, for the 403's
     * {@code insufficient-scope} problem and its {@code WWW-Authenticate} challenge.
     */
    public static final String MISSING_SCOPE = CallerScope.class.getName() + ".missingScope";
    private static final String READ_ANY_AUTHORITY = "SCOPE_" + READ_ANY_SCOPE;
    private static final String COMPOSITIONS_READ_ANY_AUTHORITY = "SCOPE_" + COMPOSITIONS_READ_ANY_SCOPE;
    private static final AuthorizationResult GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationResult DENIED = new AuthorizationDecision(false);

    private final String name;
    private final boolean fromPath;
    private final boolean anyoneOnly;
    private final Set<String> allowedQuery;

    private CallerScope(String name, boolean fromPath, boolean anyoneOnly, Set<String> allowedQuery) {
        this.name = name;
        this.fromPath = fromPath;
        this.anyoneOnly = anyoneOnly;
        this.allowedQuery = allowedQuery;
    }

    /** The path variable {@code name} must be the caller's subject; no query string. */
    public static CallerScope pathVariable(String name) {
        return new CallerScope(name, true, false, Set.of());
    }

    /**
     * Query parameter {@code name} must be given exactly once, as the caller's subject: a missing id,
     * or a second one smuggled in ({@code ?userId=me&userId=you}), is denied. {@code others} may be
     * given at most once each; any other parameter is denied.
     */
    public static CallerScope queryParameter(String name, String... others) {
        return new CallerScope(name, false, false, Set.of(concat(name, others)));
    }

    /** Only a token that may read anyone's data: for resources whose owner the request does not name; no query string. */
    public static CallerScope readAny() {
        return new CallerScope(null, false, true, Set.of());
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        ServerWebExchange exchange = context.getExchange();
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        if (!shaped(query)) {
            return Mono.just(DENIED);
        }
        List<String> requested = anyoneOnly ? List.of()
                : fromPath ? nullToEmpty(context.getVariables().get(name))
                : query.getOrDefault(name, List.of());
        return authentication
                .map(auth -> permits(auth, requested, exchange) ? GRANTED : DENIED)
                .defaultIfEmpty(DENIED);
    }

    /** Only the documented parameters, each once, and the user id parameter present when the shape names it. */
    private boolean shaped(MultiValueMap<String, String> query) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (!allowedQuery.contains(parameter.getKey()) || parameter.getValue().size() != 1) {
                return false;
            }
        }
        return fromPath || anyoneOnly || query.containsKey(name);
    }

    private boolean permits(Authentication auth, List<String> requested, ServerWebExchange exchange) {
        if (!auth.isAuthenticated()) {
            return false;
        }
        if (readsAnyone(auth)) {
            return true;
        }
        if (!reads(auth, exchange)) {
            return false;
        }
        if (anyoneOnly) {
            exchange.getAttributes().put(MISSING_SCOPE, READ_ANY_SCOPE);
            return false;
        }
        String subject = auth.getName();
        return subject != null && requested.size() == 1 && subject.equals(requested.get(0));
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

    /** Whether the token carries {@value #READ_SCOPE}; if not, {@code exchange} records it as missing. */
    static boolean reads(Authentication auth, ServerWebExchange exchange) {
        for (GrantedAuthority authority : auth.getAuthorities()) {
            if (READ_AUTHORITY.equals(authority.getAuthority())) {
                return true;
            }
        }
        exchange.getAttributes().put(MISSING_SCOPE, READ_SCOPE);
        return false;
    }

    private static String[] concat(String first, String[] others) {
        String[] all = new String[others.length + 1];
        all[0] = first;
        System.arraycopy(others, 0, all, 1, others.length);
        return all;
    }

    private static List<String> nullToEmpty(Object value) {
        return value == null ? List.of() : List.of(value.toString());
    }
}

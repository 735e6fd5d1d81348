package dev.mosaic.gateway.security;

import java.util.Map;

import dev.mosaic.gateway.composition.CompositionRoute;
import dev.mosaic.gateway.composition.CompositionRoutes;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Who may call a composition, decided at the edge before anything is routed: a token with scope
 * {@value CallerScope#READ_SCOPE}, and, when the composition's owner is a path variable
 * ({@code owner: "{userId}"}), a subject equal to that variable's value unless the token may read
 * anyone's data ({@value CallerScope#COMPOSITIONS_READ_ANY_SCOPE} or {@value CallerScope#READ_ANY_SCOPE}).
 * Denied → 403. An owner that is a section field ({@code {order.userId}}) is only known once the
 * composer has the section: the composer checks it from the same bearer token, which the route
 * passes on.
 *
 * <p>It is both the rule's matcher (which request is a composition's, by {@link CompositionRoutes})
 * and its decision, the matcher handing the composition and the owner's value to the decision:
 * <pre>{@code
 * .matchers(access).access(access)
 * }</pre>
 */
public final class CompositionAccess
        implements ServerWebExchangeMatcher, ReactiveAuthorizationManager<AuthorizationContext> {

    static final String ROUTE = CompositionAccess.class.getName() + ".route";
    static final String OWNER = CompositionAccess.class.getName() + ".owner";
    private static final AuthorizationResult GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationResult DENIED = new AuthorizationDecision(false);

    private final CompositionRoutes routes;

    public CompositionAccess(CompositionRoutes routes) {
        this.routes = routes;
    }

    /** Only the scope: for {@code /api/me/dashboard}, whose owner is the caller by construction. */
    public static ReactiveAuthorizationManager<AuthorizationContext> scopeOnly() {
        return (authentication, context) -> authentication
                .map(auth -> auth.isAuthenticated() && CallerScope.reads(auth, context.getExchange()) ? GRANTED : DENIED)
                .defaultIfEmpty(DENIED);
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        CompositionRoute route = routes.match(path);
        if (route == null) {
            return MatchResult.notMatch();
        }
        String owner = route.owner(path);
        return MatchResult.match(owner == null ? Map.of(ROUTE, route) : Map.of(ROUTE, route, OWNER, owner));
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        Map<String, Object> variables = context.getVariables();
        boolean owned = variables.get(ROUTE) instanceof CompositionRoute route && route.ownerVariable() != null;
        Object owner = variables.get(OWNER);
        return authentication
                .map(auth -> permits(auth, owned, owner, context.getExchange()) ? GRANTED : DENIED)
                .defaultIfEmpty(DENIED);
    }

    private static boolean permits(Authentication auth, boolean owned, Object owner, ServerWebExchange exchange) {
        if (!auth.isAuthenticated() || !CallerScope.reads(auth, exchange)) {
            return false;
        }
        return !owned || (owner != null && owner.equals(auth.getName())) || CallerScope.readsAnyone(auth);
    }
}

package dev.mosaic.gateway.routing;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.mosaic.compositions.ParameterMismatch;
import dev.mosaic.gateway.composition.CompositionRoute;
import dev.mosaic.gateway.error.Problem;
import dev.mosaic.gateway.error.ProblemWriter;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * First filter of a composition's route (and of {@code /api/me/dashboard}'s and the pass-through
 * routes', as {@link #readOnly}): only {@code GET} and
 * {@code HEAD} go on (anything else is a 405 problem with {@code Allow: GET, HEAD}), and every path
 * variable must match its pattern (else a 400 problem naming the parameter), so a malformed id never
 * costs a composer call. The composer checks the same patterns itself.
 *
 * <p>Everything is prepared at start: the problems, the patterns. Per request it is one method
 * comparison and one regular-expression match per path variable, on the values Spring Cloud
 * Gateway's Path predicate has already extracted.
 */
public final class CompositionEdgeFilter implements GatewayFilter {

    static final String ALLOWED = "GET, HEAD";
    private static final Problem METHOD_NOT_ALLOWED = Problem.of(HttpStatus.METHOD_NOT_ALLOWED,
            "method-not-allowed", "This path answers GET and HEAD only");

    private final ProblemWriter writer;
    private final String[] variables;
    private final Pattern[] patterns;
    private final Problem[] mismatches;

    private CompositionEdgeFilter(ProblemWriter writer, List<String> variables, List<Pattern> patterns) {
        this.writer = writer;
        this.variables = variables.toArray(String[]::new);
        this.patterns = patterns.toArray(Pattern[]::new);
        this.mismatches = new Problem[this.variables.length];
        for (int i = 0; i < this.variables.length; i++) {
            // the composer's own answer for the same value, so a client sees one problem type either way
            mismatches[i] = Problem.of(HttpStatus.BAD_REQUEST, ParameterMismatch.problemType(this.variables[i]),
                    ParameterMismatch.detail(this.variables[i], this.patterns[i]));
        }
    }

    /** The filter of a composition's route. */
    public static CompositionEdgeFilter of(CompositionRoute route, ProblemWriter writer) {
        return new CompositionEdgeFilter(writer, route.variables(), route.patterns());
    }

    /** GET and HEAD only, no path variables to check: {@code /api/me/dashboard} and the pass-through routes. */
    public static CompositionEdgeFilter readOnly(ProblemWriter writer) {
        return new CompositionEdgeFilter(writer, List.of(), List.of());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, ALLOWED);
            return writer.write(exchange, METHOD_NOT_ALLOWED);
        }
        if (variables.length > 0) {
            Map<String, String> values = ServerWebExchangeUtils.getUriTemplateVariables(exchange);
            for (int i = 0; i < variables.length; i++) {
                String value = values.get(variables[i]);
                if (value == null || !patterns[i].matcher(value).matches()) {
                    return writer.write(exchange, mismatches[i]);
                }
            }
        }
        return chain.filter(exchange);
    }
}

package dev.mosaic.gateway.error;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.handler.AbstractHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;

/**
 * The last handler mapping: whatever no gateway route matched is answered here with the 404
 * problem, written directly.
 *
 * <p>Without it WebFlux signals "no handler" by creating an exception ({@code NoResourceFoundException}
 * from the static resource handler, or {@code ResponseStatusException} from the dispatcher) which the
 * error handler then turns into the same problem. Filling in the stack trace of an exception raised
 * that deep in a reactive call chain made a 404 cost about three times the CPU of a proxied request,
 * cheap to provoke for anyone scanning the edge.
 */
public final class NoRouteHandlerMapping extends AbstractHandlerMapping {

    private final WebHandler notFound;

    public NoRouteHandlerMapping(ProblemWriter writer) {
        Problem problem = Problem.of(HttpStatus.NOT_FOUND, "not-found", "No route matches this path");
        this.notFound = exchange -> writer.write(exchange, problem);
        setOrder(Ordered.LOWEST_PRECEDENCE);
    }

    @Override
    protected Mono<?> getHandlerInternal(ServerWebExchange exchange) {
        return Mono.just(notFound);
    }
}

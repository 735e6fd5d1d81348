package dev.mosaic.composer.web;

import dev.mosaic.composer.composition.CompositionEngine;
import dev.mosaic.composer.composition.CompositionEngines;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The composer's HTTP routes: every composition at its path, GET and HEAD; other methods on those
 * paths answer 405 problem+json.
 */
@Configuration(proxyBeanMethods = false)
public class CompositionRoutes {

    @Bean
    RouterFunction<ServerResponse> compositionRouter(CompositionEngines engines, CompositionHandler handler) {
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (CompositionEngine engine : engines.all()) {
            String path = engine.composition().path().text();
            routes.route(RequestPredicates.method(HttpMethod.GET).or(RequestPredicates.method(HttpMethod.HEAD))
                    .and(RequestPredicates.path(path)), request -> handler.handle(engine, request));
        }
        for (CompositionEngine engine : engines.all()) {
            routes.route(RequestPredicates.path(engine.composition().path().text()), handler::methodNotAllowed);
        }
        return routes.build();
    }
}

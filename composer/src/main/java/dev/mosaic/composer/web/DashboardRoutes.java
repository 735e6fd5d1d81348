package dev.mosaic.composer.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The composer's HTTP routes. */
@Configuration(proxyBeanMethods = false)
public class DashboardRoutes {

    /** {@code GET /dashboard/{userId}}; other methods on that path answer 405 problem+json. */
    @Bean
    RouterFunction<ServerResponse> dashboardRouter(DashboardHandler handler) {
        return RouterFunctions.route()
                .GET("/dashboard/{userId}", handler::dashboard)
                .route(RequestPredicates.path("/dashboard/{userId}"), handler::methodNotAllowed)
                .build();
    }
}

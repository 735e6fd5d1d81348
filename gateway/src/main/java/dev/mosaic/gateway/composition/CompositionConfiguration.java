package dev.mosaic.gateway.composition;

import dev.mosaic.compositions.Compositions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Loads the composition files once at start: the shipped ones plus every {@code *.yaml}/{@code *.yml}
 * in {@value Compositions#LOCATION_PROPERTY} ({@code MOSAIC_COMPOSITIONS_LOCATION}). A bad file, or a
 * composition under a pass-through route ({@link Compositions#GATEWAY_ROUTES}), stops start-up with
 * one message naming the file, the field and the reason (the library's failure analyzer prints it).
 */
@Configuration(proxyBeanMethods = false)
public class CompositionConfiguration {

    @Bean
    Compositions compositions(Environment environment) {
        return Compositions.load(environment.getProperty(Compositions.LOCATION_PROPERTY), Compositions.GATEWAY_ROUTES);
    }

    @Bean
    CompositionRoutes compositionRoutes(Compositions compositions) {
        return new CompositionRoutes(compositions);
    }
}

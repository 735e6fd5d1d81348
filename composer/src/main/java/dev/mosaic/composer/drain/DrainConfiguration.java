package dev.mosaic.composer.drain;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The graceful drain on shutdown: {@link GracefulDrain} and its {@link ConnectionCloseWhileDraining}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DrainProperties.class)
public class DrainConfiguration {

    @Bean
    GracefulDrain gracefulDrain(DrainProperties properties) {
        return new GracefulDrain(properties.delay());
    }

    @Bean
    ConnectionCloseWhileDraining connectionCloseWhileDraining(GracefulDrain drain) {
        return new ConnectionCloseWhileDraining(drain);
    }
}

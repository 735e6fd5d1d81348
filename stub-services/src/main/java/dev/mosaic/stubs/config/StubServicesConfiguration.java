package dev.mosaic.stubs.config;

import java.time.Clock;

import dev.mosaic.stubs.backend.BackendServers;
import dev.mosaic.stubs.chaos.ChaosBoard;
import dev.mosaic.stubs.data.SeededUsers;
import dev.mosaic.stubs.identity.DevIdentityProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the backends, their chaos and the dev identity provider from {@link StubProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StubProperties.class)
public class StubServicesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StubServicesConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SeededUsers seededUsers() {
        return new SeededUsers();
    }

    @Bean
    ChaosBoard chaosBoard(StubProperties properties, Clock clock) {
        return new ChaosBoard(properties.chaos().seed(), properties.chaos().eventLogSize(), clock);
    }

    @Bean
    BackendServers backendServers(StubProperties properties, ChaosBoard chaos, SeededUsers users,
                                  ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<MeterRegistry> registry) {
        return new BackendServers(properties, chaos, users, jsonMapper.getIfAvailable(JsonMapper::new),
                registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    DevIdentityProvider devIdentityProvider(StubProperties properties, Clock clock) {
        DevIdentityProvider provider = DevIdentityProvider.generate(properties.issuer(), properties.keyRotationGrace(),
                clock);
        log.warn("DEVELOPMENT-ONLY identity provider active (issuer {}, kid {}): POST /token signs a token for "
                + "ANY subject without authentication. Use it for local development and load tests only; "
                + "never expose this port.", provider.issuer(), provider.keyId());
        return provider;
    }
}

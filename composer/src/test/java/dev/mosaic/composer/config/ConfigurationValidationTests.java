package dev.mosaic.composer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.mosaic.composer.ComposerApplication;
import dev.mosaic.composer.composition.CompositionEngines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Bad configuration stops the application at start-up, with a message naming the property. */
class ConfigurationValidationTests {

    private static SpringApplication app() {
        return new SpringApplicationBuilder(ComposerApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "logging.level.root=OFF")
                .build();
    }

    /** Starts the application with command-line properties; the failure's messages, or "started". */
    private static String failureOf(String... properties) {
        String[] args = java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new);
        Throwable failure = null;
        try (ConfigurableApplicationContext ignored = app().run(args)) {
            return "started";
        } catch (RuntimeException e) {
            failure = e;
        }
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void refusesANegativeTimeout() {
        assertThat(failureOf("mosaic.composer.sources.orders.timeout=-5ms"))
                .contains("mosaic.composer")
                .contains("sources[orders].timeout")
                .contains("must be longer than or equal to 1 milli");
    }

    @Test
    void refusesARetryBudgetOverOne() {
        assertThat(failureOf("mosaic.composer.sources.user.retry.budget.ratio=1.5"))
                .contains("mosaic.composer")
                .contains("sources[user].retry.budget.ratio")
                .contains("must be less than or equal to 1.0");
    }

    @Test
    void refusesACompositionNamingAnUnknownSource(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("wishes.yaml"), """
                name: wishes
                path: /wishes/{userId}
                params: { userId: "[a-z0-9-]{1,20}" }
                sections:
                  wishlist: { source: wishlist, get: "/wishlists/{userId}" }
                """);

        assertThat(failureOf("mosaic.compositions.location=" + dir))
                .contains("wishes.yaml: sections.wishlist.source: unknown source 'wishlist'")
                .contains("add mosaic.composer.sources.wishlist.url");
    }

    @Test
    void startsWithASourceThatNoCompositionUsesYet() {
        assertThat(failureOf("mosaic.composer.sources.wishlist.url=http://127.0.0.1:9009")).isEqualTo("started");
    }

    @Test
    void refusesADeadlineOfZero() {
        assertThat(failureOf("mosaic.composer.deadline=0ms")).contains("mosaic.composer")
                .contains("field 'deadline'");
    }

    @Test
    void acceptsTheEnvironmentVariableFormsOfTheSourceUrls() {
        SpringApplication app = app();
        app.addInitializers(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("MOSAIC_COMPOSER_SOURCES_USER_URL", "http://127.0.0.1:19001",
                                "MOSAIC_COMPOSER_SOURCES_ORDERS_TIMEOUT", "450ms"))));

        try (ConfigurableApplicationContext context = app.run()) {
            ComposerProperties properties = context.getBean(ComposerProperties.class);
            assertThat(properties.sources().get("user").url()).hasToString("http://127.0.0.1:19001");
            assertThat(properties.sources().get("orders").timeout()).hasMillis(450);
            assertThat(context.getBean(CompositionEngines.class).byName("dashboard").sectionNames())
                    .containsExactly("user", "orders", "recommendations");
        }
    }

    @Test
    void startsWithTheShippedDefaults() {
        try (ConfigurableApplicationContext context = app().run()) {
            ComposerProperties properties = context.getBean(ComposerProperties.class);
            assertThat(properties.deadline()).isLessThanOrEqualTo(java.time.Duration.ofSeconds(1));
            assertThat(properties.sources().values())
                    .allSatisfy(s -> assertThat(s.timeout()).isGreaterThanOrEqualTo(java.time.Duration.ofMillis(250)));
            assertThat(properties.sources().get("orders").url()).hasToString("http://127.0.0.1:9002");
        }
    }

    @Test
    void refusesAnInvalidUrlInTheListOfInstancesNamingIt() {
        assertThat(failureOf("mosaic.composer.sources.orders.urls=http://127.0.0.1:9002,ftp://127.0.0.1:9012"))
                .contains("mosaic.composer")
                .contains("sources[orders].urls[1]")
                .contains("must be an http:// or https:// URL with a host");
    }

    @Test
    void refusesARelativeUrlInTheListOfInstances() {
        assertThat(failureOf("mosaic.composer.sources.orders.urls=http://127.0.0.1:9002,127.0.0.1:9012"))
                .contains("mosaic.composer.sources.orders.urls")
                .contains("Invalid URI syntax")
                .contains("127.0.0.1:9012");
    }

    @Test
    void refusesAnEmptyListOfInstances() {
        assertThat(failureOf("mosaic.composer.sources.orders.urls="))
                .contains("sources[orders].urls")
                .contains("must list at least one base URL");
    }

    @Test
    void refusesASourceWithNeitherUrlNorUrls() {
        assertThat(failureOf("mosaic.composer.sources.wishlist.timeout=300ms"))
                .contains("sources[wishlist]")
                .contains("needs url (one instance) or urls (several instances)");
    }

    @Test
    void refusesAHealthCheckTimeoutLongerThanItsInterval() {
        assertThat(failureOf("mosaic.composer.sources.orders.health-check.interval=1s",
                "mosaic.composer.sources.orders.health-check.timeout=2s"))
                .contains("sources[orders].healthCheck")
                .contains("timeout must not be longer than interval");
    }

    @Test
    void acceptsTheEnvironmentFormOfSeveralInstances() {
        SpringApplication app = app();
        app.addInitializers(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("MOSAIC_COMPOSER_SOURCES_ORDERS_URLS", "http://127.0.0.1:19002,http://127.0.0.1:19012"))));

        try (ConfigurableApplicationContext context = app.run()) {
            ComposerProperties properties = context.getBean(ComposerProperties.class);
            assertThat(properties.sources().get("orders").baseUrls()).map(Object::toString)
                    .containsExactly("http://127.0.0.1:19002", "http://127.0.0.1:19012");
            assertThat(properties.sources().get("user").baseUrls()).map(Object::toString)
                    .containsExactly("http://127.0.0.1:9001");
            assertThat(context.getBean(dev.mosaic.composer.balancing.SourceBalancers.class).of("orders")
                    .instances()).hasSize(2);
        }
    }
}

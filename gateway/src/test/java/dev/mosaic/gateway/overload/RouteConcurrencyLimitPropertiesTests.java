package dev.mosaic.gateway.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.mosaic.gateway.overload.RouteConcurrencyLimitProperties.Algorithm;
import dev.mosaic.gateway.overload.RouteConcurrencyLimitProperties.RouteLimit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A route's own limit replaces the defaults where it gives a value, and a fixed limit stands alone. */
class RouteConcurrencyLimitPropertiesTests {

    private final RouteConcurrencyLimitProperties settings = new RouteConcurrencyLimitProperties(true, Algorithm.GRADIENT2, 1024, 256, 8192,
            Map.of("composition-profile", new RouteLimit(null, null, null, 8, null),
                    "composition-search", new RouteLimit(null, Algorithm.VEGAS, 32, 16, null),
                    "composition-orders", new RouteLimit(null, Algorithm.AIMD, null, null, null, Duration.ofMillis(300)),
                    "dashboard", new RouteLimit(64, null, null, null, null)));

    private static final Duration DEFAULT_TARGET = RouteConcurrencyLimitProperties.DEFAULT_LATENCY_TARGET;

    @Test
    void aRouteWithoutSettingsOfItsOwnHasTheDefaults() {
        assertThat(settings.limitFor("users")).isEqualTo(new RouteLimit(null, Algorithm.GRADIENT2, 1024, 256, 8192, DEFAULT_TARGET));
    }

    @Test
    void aRoutesOwnBoundReplacesOnlyThatBound() {
        assertThat(settings.limitFor("composition-profile")).isEqualTo(new RouteLimit(null, Algorithm.GRADIENT2, 1024, 8, 8192, DEFAULT_TARGET));
        assertThat(settings.limitFor("composition-profile").fixed()).isFalse();
    }

    @Test
    void aRouteMayHaveAnAlgorithmOfItsOwn() {
        assertThat(settings.limitFor("composition-search")).isEqualTo(new RouteLimit(null, Algorithm.VEGAS, 32, 16, 8192, DEFAULT_TARGET));
    }

    @Test
    void aRouteMayHaveALatencyTargetOfItsOwn() {
        assertThat(settings.limitFor("composition-orders"))
                .isEqualTo(new RouteLimit(null, Algorithm.AIMD, 1024, 256, 8192, Duration.ofMillis(300)));
    }

    @Test
    void theSettingsBindFromConfiguration() {
        var source = new MapConfigurationPropertySource(Map.of(
                "mosaic.gateway.concurrency-limit.latency-target", "800ms",
                "mosaic.gateway.concurrency-limit.routes.composition-a.algorithm", "aimd",
                "mosaic.gateway.concurrency-limit.routes.composition-a.min-limit", "16",
                "mosaic.gateway.concurrency-limit.routes.composition-b.algorithm", "goodput",
                "mosaic.gateway.concurrency-limit.routes.composition-b.latency-target", "250ms"));
        RouteConcurrencyLimitProperties bound = new Binder(source)
                .bind("mosaic.gateway.concurrency-limit", RouteConcurrencyLimitProperties.class).get();

        assertThat(bound.latencyTarget()).isEqualTo(Duration.ofMillis(800));
        assertThat(bound.limitFor("composition-a"))
                .isEqualTo(new RouteLimit(null, Algorithm.AIMD, 1024, 16, 8192, Duration.ofMillis(800)));
        assertThat(bound.limitFor("composition-b").latencyTarget()).isEqualTo(Duration.ofMillis(250));
        assertThat(bound.limitFor("composition-b").algorithm()).isEqualTo(Algorithm.GOODPUT);
        assertThat(bound.limitFor("users").algorithm()).isEqualTo(Algorithm.GRADIENT2);
    }

    @Test
    void aLatencyTargetThatIsNoneIsRefused() {
        assertThat(new RouteLimit(null, Algorithm.AIMD, null, null, null, Duration.ZERO).isConsistent()).isFalse();
        assertThat(new RouteLimit(64, null, null, null, null, Duration.ofMillis(300)).isConsistent()).isFalse();
        assertThat(new RouteConcurrencyLimitProperties(true, Algorithm.AIMD, 1024, 256, 8192, Duration.ofMillis(-1), Map.of())
                .isLatencyTargetPositive()).isFalse();
    }

    @Test
    void aFixedLimitIsFixed() {
        assertThat(settings.limitFor("dashboard").fixed()).isTrue();
        assertThat(settings.limitFor("dashboard").fixedLimit()).isEqualTo(64);
    }

    @Test
    void boundsOutOfOrderOrAFixedLimitWithBoundsAreRefused() {
        assertThat(new RouteLimit(null, null, 10, 20, null).isConsistent()).isFalse();
        assertThat(new RouteLimit(null, null, null, 20, 10).isConsistent()).isFalse();
        assertThat(new RouteLimit(64, null, 10, null, null).isConsistent()).isFalse();
        assertThat(new RouteLimit(64, Algorithm.VEGAS, null, null, null).isConsistent()).isFalse();
        assertThat(new RouteLimit(64, null, null, null, null).isConsistent()).isTrue();
        assertThat(new RouteLimit(null, null, null, 8, null).isConsistent()).isTrue();
    }
}

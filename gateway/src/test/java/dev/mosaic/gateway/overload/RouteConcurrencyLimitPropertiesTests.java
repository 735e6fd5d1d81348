package dev.mosaic.gateway.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import dev.mosaic.gateway.overload.RouteConcurrencyLimitProperties.Algorithm;
import dev.mosaic.gateway.overload.RouteConcurrencyLimitProperties.RouteLimit;
import org.junit.jupiter.api.Test;

/** A route's own limit replaces the defaults where it gives a value, and a fixed limit stands alone. */
class RouteConcurrencyLimitPropertiesTests {

    private final RouteConcurrencyLimitProperties settings = new RouteConcurrencyLimitProperties(true, Algorithm.GRADIENT2, 1024, 256, 8192,
            Map.of("composition-profile", new RouteLimit(null, null, null, 8, null),
                    "composition-search", new RouteLimit(null, Algorithm.VEGAS, 32, 16, null),
                    "dashboard", new RouteLimit(64, null, null, null, null)));

    @Test
    void aRouteWithoutSettingsOfItsOwnHasTheDefaults() {
        assertThat(settings.limitFor("users")).isEqualTo(new RouteLimit(null, Algorithm.GRADIENT2, 1024, 256, 8192));
    }

    @Test
    void aRoutesOwnBoundReplacesOnlyThatBound() {
        assertThat(settings.limitFor("composition-profile")).isEqualTo(new RouteLimit(null, Algorithm.GRADIENT2, 1024, 8, 8192));
        assertThat(settings.limitFor("composition-profile").fixed()).isFalse();
    }

    @Test
    void aRouteMayHaveAnAlgorithmOfItsOwn() {
        assertThat(settings.limitFor("composition-search")).isEqualTo(new RouteLimit(null, Algorithm.VEGAS, 32, 16, 8192));
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

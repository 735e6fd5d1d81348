package dev.mosaic.gateway.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.mosaic.compositions.Compositions;
import dev.mosaic.gateway.composition.CompositionRoutes;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** A request answered before routing is still tagged with the route its path belongs to, and nothing else. */
class EdgeRoutesTests {

    private static final String PROFILE = """
            name: profile
            path: /{team}/profile
            params:
              team: "t-[0-9]{1,4}"
            sections:
              user:
                source: user
                get: /users/{team}
            """;

    private final EdgeRoutes routes = new EdgeRoutes(new CompositionRoutes(Compositions.of(
            shipped(),
            Map.of("profile.yaml", PROFILE), Compositions.GATEWAY_ROUTES)));

    @Test
    void everyRouteIdIsKnownUpFront() {
        assertThat(routes.ids()).containsExactly("me-dashboard", "users", "orders", "recommendations", "dashboard",
                "composition-order-detail", "composition-profile");
    }

    @Test
    void compositionPathsBelongToTheirComposition() {
        assertThat(routeOf("/api/order-detail/o-1")).isEqualTo("composition-order-detail");
        assertThat(routeOf("/api/dashboard/u-1")).isEqualTo("dashboard");
        assertThat(routeOf("/api/t-12/profile")).isEqualTo("composition-profile");
        assertThat(routeOf("/api/me/dashboard")).isEqualTo("me-dashboard");
        assertThat(routeOf("/api/users/u-1")).isEqualTo("users");
        // a value that misses its pattern is still the composition's: its route answers the 400
        assertThat(routeOf("/api/t-12345/profile")).isEqualTo("composition-profile");
    }

    @Test
    void anythingElseIsNone() {
        assertThat(routeOf("/api/order-detail/o-1/x")).isEqualTo("none");
        assertThat(routeOf("/api/order-detail")).isEqualTo("none");
        assertThat(routeOf("/order-detail/o-1")).isEqualTo("none");
        assertThat(routeOf("/")).isEqualTo("none");
        assertThat(routeOf("/openapi.json")).isEqualTo("none");
    }

    private String routeOf(String path) {
        return routes.routeOf(MockServerHttpRequest.get(path).build());
    }

    private static Map<String, String> shipped() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String file : Compositions.SHIPPED) {
            String name = Compositions.SHIPPED_DIRECTORY + file;
            try (InputStream in = Compositions.class.getClassLoader().getResourceAsStream(name)) {
                files.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}

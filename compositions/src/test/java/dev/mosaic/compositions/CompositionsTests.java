package dev.mosaic.compositions;

import static dev.mosaic.compositions.CompositionFiles.assertOnlyProblem;
import static dev.mosaic.compositions.CompositionFiles.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped compositions, the directory of extra files, and the checks across files. */
class CompositionsTests {

    private static final String POPULAR = "[{\"productId\":\"p-1001\",\"title\":\"Noise-cancelling headphones\","
            + "\"reason\":\"POPULAR\"},{\"productId\":\"p-1002\",\"title\":\"Espresso machine\",\"reason\":\"POPULAR\"},"
            + "{\"productId\":\"p-1003\",\"title\":\"Trail running shoes\",\"reason\":\"POPULAR\"}]";

    @TempDir
    Path directory;

    @Test
    void shipsTheDashboardAsItsContractDescribes() {
        Composition dashboard = Compositions.load(null, Compositions.GATEWAY_ROUTES).byName("dashboard");

        assertThat(dashboard.file()).isEqualTo("compositions/dashboard.yaml");
        assertThat(dashboard.path().text()).isEqualTo("/dashboard/{userId}");
        assertThat(dashboard.params()).containsOnlyKeys("userId");
        assertThat(dashboard.params().get("userId").matcher("u-42").matches()).isTrue();
        assertThat(dashboard.params().get("userId").matcher("u/42").matches()).isFalse();
        assertThat(dashboard.params().get("userId").matcher("u".repeat(65)).matches()).isFalse();
        assertThat(dashboard.owner()).isEqualTo(new OwnerRule.PathVariable("userId"));
        assertThat(dashboard.anonymousInternal()).isTrue();
        assertThat(dashboard.deadline()).as("the composer's default deadline").isNull();
        assertThat(dashboard.sectionNames()).containsExactly("user", "orders", "recommendations");

        SectionDefinition user = dashboard.section("user");
        assertThat(user.source()).isEqualTo("user");
        assertThat(user.request().text()).isEqualTo("/users/{userId}");
        assertThat(user.required()).isTrue();
        assertThat(user.select()).isEmpty();
        assertThat(user.fallback()).isNull();

        SectionDefinition orders = dashboard.section("orders");
        assertThat(orders.source()).isEqualTo("orders");
        assertThat(orders.request().text()).isEqualTo("/orders?userId={userId}&limit=5");
        assertThat(orders.required()).isFalse();
        assertThat(orders.select()).isEqualTo("/orders");
        assertThat(orders.fallback()).isNull();

        SectionDefinition recommendations = dashboard.section("recommendations");
        assertThat(recommendations.source()).isEqualTo("recommendations");
        assertThat(recommendations.request().text()).isEqualTo("/recommendations?userId={userId}&limit=10");
        assertThat(recommendations.required()).isFalse();
        assertThat(recommendations.select()).isEqualTo("/items");
        assertThat(recommendations.fallback()).isEqualTo(POPULAR);

        assertThat(new SectionGraph(dashboard.sections()).closure(Set.of("orders")))
                .as("the dashboard's sections are independent").containsExactly("orders");
    }

    @Test
    void shipsOrderDetailWithUserAndProductsDependingOnTheOrder() {
        Composition detail = Compositions.load(null, Compositions.GATEWAY_ROUTES).byName("order-detail");

        assertThat(detail.path().text()).isEqualTo("/order-detail/{orderId}");
        assertThat(detail.params()).containsOnlyKeys("orderId");
        assertThat(detail.owner()).isEqualTo(new OwnerRule.SectionField(
                new Reference("order", List.of("userId"), false, List.of())));
        assertThat(detail.anonymousInternal()).isFalse();
        assertThat(detail.sectionNames()).containsExactly("order", "user", "products");
        assertThat(detail.sources()).containsExactly("orders", "user", "catalog");

        SectionDefinition order = detail.section("order");
        assertThat(order.required()).isTrue();
        assertThat(order.request().text()).isEqualTo("/orders/{orderId}");
        assertThat(order.dependencies()).isEmpty();
        assertThat(detail.section("user").request().text()).isEqualTo("/users/{order.userId}");
        assertThat(detail.section("user").dependencies()).containsExactly("order");
        SectionDefinition products = detail.section("products");
        assertThat(products.source()).isEqualTo("catalog");
        assertThat(products.select()).isEqualTo("/items");
        assertThat(products.dependencies()).containsExactly("order");
        assertThat(products.request().references()).containsExactly(
                new Reference("order", List.of("items"), true, List.of("productId")));
    }

    @Test
    void loadsOnlyTheShippedCompositionsWithoutALocation() {
        assertThat(Compositions.load(null, Compositions.GATEWAY_ROUTES).all()).extracting(Composition::name)
                .containsExactly("dashboard", "order-detail");
        assertThat(Compositions.load("  ", Compositions.GATEWAY_ROUTES).all()).extracting(Composition::name)
                .containsExactly("dashboard", "order-detail");
    }

    @Test
    void fileInTheDirectoryReplacesAShippedCompositionByName() throws IOException {
        write("my-dashboard.yaml", """
                name: dashboard
                path: /dashboard/{userId}
                params:
                  userId: "[a-z0-9-]{1,20}"
                deadline: 2s
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                    required: true
                """);

        Compositions compositions = Compositions.load(directory.toString(), Compositions.GATEWAY_ROUTES);

        assertThat(compositions.all()).extracting(Composition::name).as("keeps its place")
                .containsExactly("dashboard", "order-detail");
        Composition dashboard = compositions.byName("dashboard");
        assertThat(dashboard.file()).isEqualTo(directory.resolve("my-dashboard.yaml").toString());
        assertThat(dashboard.deadline()).isEqualTo(Duration.ofSeconds(2));
        assertThat(dashboard.sectionNames()).containsExactly("user");
    }

    @Test
    void fileInTheDirectoryAddsANewComposition() throws IOException {
        write("profile.yaml", profile("profile", "/profile/{userId}"));

        Compositions compositions = Compositions.load(directory.toString(), Compositions.GATEWAY_ROUTES);

        assertThat(compositions.all()).extracting(Composition::name)
                .containsExactly("dashboard", "order-detail", "profile");
        assertThat(compositions.byName("profile").file()).isEqualTo(directory.resolve("profile.yaml").toString());
    }

    @Test
    void readsYmlFilesAndIgnoresEveryOtherFile() throws IOException {
        write("profile.yml", profile("profile", "/profile/{userId}"));
        write("notes.txt", "not a composition");
        write("broken.yaml.bak", "{{{");
        write("README.md", "# my views");
        Files.createDirectory(directory.resolve("nested.yaml"));

        Compositions compositions = Compositions.load(directory.toString(), Compositions.GATEWAY_ROUTES);

        assertThat(compositions.all()).extracting(Composition::name)
                .containsExactly("dashboard", "order-detail", "profile");
    }

    @Test
    void refusesLocationThatIsNotADirectory() throws IOException {
        Path file = write("profile.yaml", profile("profile", "/profile/{userId}"));

        Throwable thrown = catchThrowable(() -> Compositions.load(file.toString(), Compositions.GATEWAY_ROUTES));

        assertThat(thrown).isInstanceOf(InvalidCompositionException.class);
        assertOnlyProblem((InvalidCompositionException) thrown, file.toString(), "mosaic.compositions.location",
                "not a directory (set MOSAIC_COMPOSITIONS_LOCATION to a directory of *.yaml files)");
    }

    @Test
    void refusesLocationThatDoesNotExist() {
        Path missing = directory.resolve("missing");

        Throwable thrown = catchThrowable(() -> Compositions.load(missing.toString(), Compositions.GATEWAY_ROUTES));

        assertThat(thrown).isInstanceOf(InvalidCompositionException.class);
        assertThat(((InvalidCompositionException) thrown).problems()).singleElement()
                .isEqualTo(new CompositionProblem(missing.toString(), "mosaic.compositions.location",
                        "not a directory (set MOSAIC_COMPOSITIONS_LOCATION to a directory of *.yaml files)"));
    }

    @Test
    void refusesUnreadableFileNamingItAndStillReadsTheOthers() throws IOException {
        write("a.yaml", profile("Profile", "/profile/{userId}"));
        Path latin1 = Files.write(directory.resolve("b.yaml"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        write("c.yaml", profile("C", "/c/{userId}"));

        Throwable thrown = catchThrowable(() -> Compositions.load(directory.toString(), Compositions.GATEWAY_ROUTES));

        assertThat(thrown).isInstanceOf(InvalidCompositionException.class);
        assertThat(((InvalidCompositionException) thrown).problems()).extracting(CompositionProblem::file,
                CompositionProblem::field, CompositionProblem::reason).containsExactly(
                        tuple(latin1.toString(), "", "not UTF-8 text; save it as UTF-8"),
                        tuple(directory.resolve("a.yaml").toString(), "name",
                                "'Profile' must match [a-z][a-z0-9-]{0,39}"),
                        tuple(directory.resolve("c.yaml").toString(), "name", "'C' must match [a-z][a-z0-9-]{0,39}"));
    }

    @Test
    void refusesTwoFilesInTheDirectoryWithTheSameName() throws IOException {
        write("a.yaml", profile("profile", "/profile/{userId}"));
        write("b.yaml", profile("profile", "/other-profile/{userId}"));

        Throwable thrown = catchThrowable(() -> Compositions.load(directory.toString(), Compositions.GATEWAY_ROUTES));

        assertThat(thrown).isInstanceOf(InvalidCompositionException.class);
        assertOnlyProblem((InvalidCompositionException) thrown, directory.resolve("b.yaml").toString(), "name",
                "'profile' is also the name of " + directory.resolve("a.yaml") + "; names must be unique");
    }

    @Test
    void refusesDuplicatePath() {
        InvalidCompositionException e = refused(files(
                "a.yaml", profile("profile", "/profile/{userId}"),
                "b.yaml", profile("profile-copy", "/profile/{userId}")));

        assertOnlyProblem(e, "b.yaml", "path",
                "/profile/{userId} clashes with /profile/{userId} of 'profile' (a.yaml): one request could match both");
    }

    @Test
    void refusesPathThatClashesWithAShippedOne() {
        Map<String, String> extra = Map.of("orders.yaml", """
                name: my-orders
                path: /order-detail/{id}
                params:
                  id: "[a-z0-9-]{1,20}"
                sections:
                  order:
                    source: orders
                    get: /orders/{id}
                """);
        Throwable thrown = catchThrowable(() -> Compositions.of(shipped(), extra, Compositions.GATEWAY_ROUTES));

        assertThat(thrown).isInstanceOf(InvalidCompositionException.class);
        assertOnlyProblem((InvalidCompositionException) thrown, "orders.yaml", "path", "/order-detail/{id} clashes "
                + "with /order-detail/{orderId} of 'order-detail' (compositions/order-detail.yaml): one request "
                + "could match both");
    }

    @Test
    void refusesVariableSegmentWhosePatternAcceptsAnotherPathsLiteral() {
        InvalidCompositionException e = refused(files(
                "a.yaml", profile("profile", "/profile/{userId}"),
                "b.yaml", profile("profile-me", "/profile/me")));

        assertOnlyProblem(e, "b.yaml", "path",
                "/profile/me clashes with /profile/{userId} of 'profile' (a.yaml): one request could match both");
    }

    @Test
    void refusesLiteralSegmentThatAnEarlierVariablePathAccepts() {
        InvalidCompositionException e = refused(files(
                "a.yaml", profile("profile-me", "/profile/me"),
                "b.yaml", profile("profile", "/profile/{userId}")));

        assertOnlyProblem(e, "b.yaml", "path",
                "/profile/{userId} clashes with /profile/me of 'profile-me' (a.yaml): one request could match both");
    }

    @Test
    void acceptsLiteralSegmentThatTheVariablesPatternRejects() {
        Map<String, String> files = files(
                "a.yaml", profile("profile", "/profile/{userId}", "u-[0-9]+"),
                "b.yaml", profile("profile-me", "/profile/me"));

        Compositions compositions = Compositions.of(Map.of(), files, Compositions.GATEWAY_ROUTES);

        assertThat(compositions.all()).extracting(Composition::name).containsExactly("profile", "profile-me");
    }

    @Test
    void acceptsPathsOfDifferentLength() {
        Map<String, String> files = files(
                "a.yaml", profile("profile", "/profile/{userId}"),
                "b.yaml", profile("profile-full", "/profile/{userId}/full"));

        assertThat(Compositions.of(Map.of(), files, Compositions.GATEWAY_ROUTES).all()).hasSize(2);
    }

    @Test
    void refusesPathUnderAReservedGatewayRoute() {
        InvalidCompositionException e = refused(Map.of("users.yaml", profile("user-view", "/users/{userId}")));

        assertOnlyProblem(e, "users.yaml", "path",
                "/users/{userId} clashes with the route /api/users/** (served elsewhere); choose another first segment");
    }

    @Test
    void refusesVariableFirstSegmentThatAcceptsAReservedRoute() {
        InvalidCompositionException e = refused(Map.of("any.yaml", profile("any", "/{userId}")));

        assertThat(e.problems()).extracting(CompositionProblem::reason).containsExactly(
                "/{userId} clashes with the route /api/users/** (served elsewhere); choose another first segment",
                "/{userId} clashes with the route /api/orders/** (served elsewhere); choose another first segment",
                "/{userId} clashes with the route /api/recommendations/** (served elsewhere); choose another first segment",
                "/{userId} clashes with the route /api/me/** (served elsewhere); choose another first segment");
    }

    @Test
    void acceptsPathThatOnlyStartsLikeAReservedRoute() {
        Map<String, String> files = Map.of("a.yaml", profile("users-summary", "/users-summary/{userId}"));

        assertThat(Compositions.of(Map.of(), files, Compositions.GATEWAY_ROUTES).all()).hasSize(1);
    }

    @Test
    void listsProblemsOfEveryFileAtOnce() {
        InvalidCompositionException e = refused(files(
                "a.yaml", profile("Profile", "/profile/{userId}"),
                "b.yaml", profile("orders-view", "/orders/{userId}"),
                "c.yaml", profile("c", "/c/{userId}").replace("source: user", "source: user\n    select: x")));

        assertThat(e.problems()).extracting(CompositionProblem::file, CompositionProblem::field)
                .containsExactly(
                        tuple("a.yaml", "name"),
                        tuple("c.yaml", "sections.user.select"),
                        tuple("b.yaml", "path"));
        assertThat(e.getMessage()).startsWith("Invalid compositions (3 problems):\n  - a.yaml: name: ");
    }

    @Test
    void refusesUnknownSourceNamingTheSection() {
        Compositions compositions = Compositions.load(null, Compositions.GATEWAY_ROUTES);

        Throwable thrown = catchThrowable(() -> compositions.requireSources(Set.of("user", "orders",
                "recommendations")));

        assertThat(thrown).isInstanceOf(InvalidCompositionException.class);
        assertOnlyProblem((InvalidCompositionException) thrown, "compositions/order-detail.yaml",
                "sections.products.source", "unknown source 'catalog' (known: orders, recommendations, user); "
                        + "add mosaic.composer.sources.catalog.url");
    }

    @Test
    void refusesEverySourceWhenNoneIsKnown() {
        Compositions compositions = Compositions.of(Map.of(), Map.of("a.yaml", profile("profile", "/profile/{userId}")),
                Compositions.GATEWAY_ROUTES);

        Throwable thrown = catchThrowable(() -> compositions.requireSources(Set.of()));

        assertThat(thrown).isInstanceOf(InvalidCompositionException.class);
        assertOnlyProblem((InvalidCompositionException) thrown, "a.yaml", "sections.user.source",
                "unknown source 'user' (known: none); add mosaic.composer.sources.user.url");
    }

    @Test
    void acceptsCompositionsWhoseSourcesAreAllKnown() {
        Compositions compositions = Compositions.load(null, Compositions.GATEWAY_ROUTES);

        compositions.requireSources(Set.of("user", "orders", "recommendations", "catalog"));

        assertThat(compositions.all()).hasSize(2);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }

    private static Map<String, String> shipped() {
        return Map.of("compositions/order-detail.yaml", resource("compositions/order-detail.yaml"));
    }

    private static String resource(String name) {
        try (InputStream in = CompositionsTests.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> files(String... nameThenYaml) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < nameThenYaml.length; i += 2) {
            files.put(nameThenYaml[i], nameThenYaml[i + 1]);
        }
        return files;
    }

    static String profile(String name, String path) {
        return profile(name, path, "[a-z0-9-]{1,20}");
    }

    /** A composition with one section; {@code path} has a {@code {userId}} variable or none. */
    static String profile(String name, String path, String pattern) {
        if (!path.contains("{userId}")) {
            return """
                    name: %s
                    path: %s
                    sections:
                      user:
                        source: user
                        get: /users/me
                    """.formatted(name, path);
        }
        return """
                name: %s
                path: %s
                params:
                  userId: "%s"
                sections:
                  user:
                    source: user
                    get: /users/{userId}
                """.formatted(name, path, pattern);
    }
}

package dev.mosaic.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mosaic.compositions.TemplatePart.Field;
import dev.mosaic.compositions.TemplatePart.Literal;
import org.junit.jupiter.api.Test;

/** Which sections a section needs, and cycles among them. */
class SectionGraphTests {

    /** order ← user, order ← products, user ← greeting; offers stands alone. */
    private static final SectionGraph ORDER_DETAIL = graph(Map.of(
            "order", List.of(),
            "user", List.of("order"),
            "products", List.of("order"),
            "greeting", List.of("user"),
            "offers", List.of()));

    @Test
    void needsTheSectionsItsRequestReferences() {
        assertThat(ORDER_DETAIL.needs("greeting")).containsExactly("user");
        assertThat(ORDER_DETAIL.needs("order")).isEmpty();
        assertThat(ORDER_DETAIL.needs("unknown")).isEmpty();
    }

    @Test
    void closureAddsEverythingNeededDirectlyOrNot() {
        assertThat(ORDER_DETAIL.closure(Set.of("greeting"))).containsExactlyInAnyOrder("greeting", "user", "order");
        assertThat(ORDER_DETAIL.closure(Set.of("products", "offers")))
                .containsExactlyInAnyOrder("products", "order", "offers");
        assertThat(ORDER_DETAIL.closure(Set.of("order"))).containsExactly("order");
        assertThat(ORDER_DETAIL.closure(Set.of())).isEmpty();
    }

    @Test
    void dependsOnWhatItNeedsDirectlyOrNot() {
        assertThat(ORDER_DETAIL.dependsOn("greeting", "user")).isTrue();
        assertThat(ORDER_DETAIL.dependsOn("greeting", "order")).isTrue();
        assertThat(ORDER_DETAIL.dependsOn("greeting", "products")).isFalse();
        assertThat(ORDER_DETAIL.dependsOn("order", "user")).isFalse();
        assertThat(ORDER_DETAIL.dependsOn("order", "order")).as("not on itself").isFalse();
    }

    @Test
    void findsNoCycleInADependencyTree() {
        assertThat(ORDER_DETAIL.cycle()).isEmpty();
    }

    @Test
    void findsNoCycleWhereTwoPathsMeet() {
        SectionGraph diamond = graph(Map.of("a", List.of(), "b", List.of("a"), "c", List.of("a"),
                "d", List.of("b", "c")));

        assertThat(diamond.cycle()).isEmpty();
    }

    @Test
    void findsCycleOfTwoAsAPathBackToItsStart() {
        SectionGraph graph = graph(Map.of("a", List.of("b"), "b", List.of("a")));

        assertThat(graph.cycle()).contains(List.of("a", "b", "a"));
    }

    @Test
    void findsCycleOfThreeAsAPathBackToItsStart() {
        SectionGraph graph = graph(Map.of("root", List.of(), "a", List.of("root", "c"), "b", List.of("a"),
                "c", List.of("b")));

        assertThat(graph.cycle()).contains(List.of("a", "c", "b", "a"));
    }

    @Test
    void findsCycleBehindAnAcyclicStart() {
        SectionGraph graph = graph(Map.of("start", List.of("x"), "x", List.of("y"), "y", List.of("x")));

        assertThat(graph.cycle()).contains(List.of("x", "y", "x"));
    }

    /** Sections in the given order (keys sorted so the map's order does not matter), each needing its list. */
    private static SectionGraph graph(Map<String, List<String>> needs) {
        Map<String, List<String>> ordered = new LinkedHashMap<>();
        needs.keySet().stream().sorted((x, y) -> order(x) - order(y)).forEach(k -> ordered.put(k, needs.get(k)));
        List<SectionDefinition> sections = ordered.entrySet().stream().map(e -> section(e.getKey(), e.getValue()))
                .toList();
        return new SectionGraph(sections);
    }

    private static int order(String name) {
        List<String> order = List.of("start", "root", "order", "a", "user", "b", "products", "c", "greeting", "d",
                "offers", "x", "y");
        return order.indexOf(name);
    }

    private static SectionDefinition section(String name, List<String> needs) {
        List<TemplatePart> parts = new java.util.ArrayList<>();
        parts.add(new Literal("/" + name));
        needs.forEach(n -> parts.add(new Field(new Reference(n, List.of("id"), false, List.of()))));
        return new SectionDefinition(name, "source", new RequestTemplate("/" + name, parts), "", false, null, null,
                "any");
    }
}

package dev.mosaic.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import dev.mosaic.compositions.TemplatePart.Field;
import dev.mosaic.compositions.TemplatePart.Literal;
import dev.mosaic.compositions.TemplatePart.Param;
import org.junit.jupiter.api.Test;

/** Rendering a section's request: every value encoded, fan-outs distinct and comma-joined. */
class RequestTemplateTests {

    private static final Reference USER_ID = new Reference("user", List.of("id"), false, List.of());
    private static final Reference PRODUCT_IDS = new Reference("order", List.of("items"), true, List.of("productId"));

    private static final RequestTemplate USER = new RequestTemplate("/users/{userId}",
            List.of(new Literal("/users/"), new Param("userId")));
    private static final RequestTemplate ORDERS = new RequestTemplate("/orders?userId={user.id}&limit=2",
            List.of(new Literal("/orders?userId="), new Field(USER_ID), new Literal("&limit=2")));
    private static final RequestTemplate PRODUCTS = new RequestTemplate("/products?ids={order.items[*].productId}",
            List.of(new Literal("/products?ids="), new Field(PRODUCT_IDS)));

    @Test
    void rendersPathVariable() {
        assertThat(USER.render(values(Map.of("userId", "u-42"), Map.of()))).isEqualTo("/users/u-42");
    }

    @Test
    void leavesUnreservedCharactersAsTheyAre() {
        assertThat(USER.render(values(Map.of("userId", "Az09-._~"), Map.of()))).isEqualTo("/users/Az09-._~");
    }

    @Test
    void encodesCharactersThatWouldChangeTheRequest() {
        assertThat(USER.render(values(Map.of("userId", "a b/c?d&e=f%g#h+i,j"), Map.of())))
                .isEqualTo("/users/a%20b%2Fc%3Fd%26e%3Df%25g%23h%2Bi%2Cj");
    }

    @Test
    void encodesAValueOfOnlyDotsSoThatItCannotClimbTheBackendsPath() {
        assertThat(USER.render(values(Map.of("userId", ".."), Map.of()))).isEqualTo("/users/%2E%2E");
        assertThat(USER.render(values(Map.of("userId", "."), Map.of()))).isEqualTo("/users/%2E");
        assertThat(USER.render(values(Map.of("userId", "a..b"), Map.of()))).isEqualTo("/users/a..b");
    }

    @Test
    void encodesNonAsciiAsUtf8Bytes() {
        assertThat(USER.render(values(Map.of("userId", "café-😀"), Map.of())))
                .isEqualTo("/users/caf%C3%A9-%F0%9F%98%80");
    }

    @Test
    void rendersSectionFieldEncoded() {
        assertThat(ORDERS.render(values(Map.of(), Map.of(USER_ID, List.of("u 1&limit=99")))))
                .isEqualTo("/orders?userId=u%201%26limit%3D99&limit=2");
    }

    @Test
    void joinsFanOutValuesDistinctInFirstSeenOrder() {
        assertThat(PRODUCTS.render(values(Map.of(), Map.of(PRODUCT_IDS, List.of("p-3", "p-1", "p-3", "p-2", "p-1")))))
                .isEqualTo("/products?ids=p-3,p-1,p-2");
    }

    @Test
    void encodesEachFanOutValueButNotTheCommasBetweenThem() {
        assertThat(PRODUCTS.render(values(Map.of(), Map.of(PRODUCT_IDS, List.of("a,b", "é")))))
                .isEqualTo("/products?ids=a%2Cb,%C3%A9");
    }

    @Test
    void rendersNothingForAnEmptyFanOut() {
        assertThat(PRODUCTS.render(values(Map.of(), Map.of(PRODUCT_IDS, List.of())))).isNull();
    }

    @Test
    void refusesToRenderAMissingSingleValue() {
        assertThatExceptionOfType(RequestTemplate.MissingValueException.class)
                .isThrownBy(() -> ORDERS.render(values(Map.of(), Map.of(USER_ID, List.of()))))
                .withMessage("no value for {user.id}");
    }

    @Test
    void dependsOnTheSectionsItReferences() {
        assertThat(USER.dependencies()).isEmpty();
        assertThat(ORDERS.dependencies()).containsExactly("user");
        assertThat(ORDERS.references()).containsExactly(USER_ID);
        assertThat(PRODUCTS.dependencies()).containsExactly("order");
    }

    @Test
    void listsDependenciesInTemplateOrder() {
        List<String> sections = List.of("e", "b", "d", "a", "c", "f");
        List<TemplatePart> parts = sections.stream()
                .<TemplatePart>map(s -> new Field(new Reference(s, List.of("id"), false, List.of()))).toList();

        RequestTemplate template = new RequestTemplate("/x", parts);

        assertThat(template.dependencies()).as("deterministic order (messages, start order)")
                .containsExactlyElementsOf(sections);
    }

    private static RequestTemplate.Values values(Map<String, String> params, Map<Reference, List<String>> fields) {
        return new RequestTemplate.Values() {
            @Override
            public String param(String name) {
                return params.get(name);
            }

            @Override
            public List<String> values(Reference reference) {
                return fields.getOrDefault(reference, List.of());
            }
        };
    }
}

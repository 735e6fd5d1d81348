package dev.mosaic.composer.section;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import dev.mosaic.composer.client.BackendCallException;
import org.junit.jupiter.api.Test;

class JsonSlicesTests {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SectionPayload select(String pointer, String body) {
        return JsonSlices.selector(pointer).select(utf8(body));
    }

    @Test
    void cutsOutTheNamedArrayExactly() {
        SectionPayload payload = select("/orders",
                "{\"userId\":\"u-1\",\"before\":{\"x\":[1]},\"orders\":[{\"id\":\"é-1\"},{\"id\":2}],\"n\":3}");

        assertThat(payload.json()).isEqualTo("[{\"id\":\"é-1\"},{\"id\":2}]");
    }

    @Test
    void keepsAWholeBodyAsItIs() {
        assertThat(select("", " {\"id\":\"u-1\"} ").json()).isEqualTo(" {\"id\":\"u-1\"} ");
    }

    @Test
    void followsAPointerThroughObjectsAndArrays() {
        String body = "{\"a\":{\"b\":[{\"c\":1},{\"c\":\"two\",\"d/e\":true,\"f~g\":null}]}}";

        assertThat(select("/a/b/1/c", body).json()).isEqualTo("\"two\"");
        assertThat(select("/a/b/0", body).json()).isEqualTo("{\"c\":1}");
        assertThat(select("/a/b/1/d~1e", body).json()).isEqualTo("true");
        assertThat(select("/a/b/1/f~0g", body).json()).isEqualTo("null");
        assertThat(select("/a/b/0/c", body).json()).isEqualTo("1");
    }

    @Test
    void refusesASelectedValueOfTheWrongType() {
        assertThatThrownBy(() -> JsonSlices.selector("/orders").expecting("array").select(utf8("{\"orders\":{}}")))
                .isInstanceOf(BackendCallException.class).hasMessageContaining("is not an array");
        assertThatThrownBy(() -> JsonSlices.selector("").expecting("object").select(utf8("[1]")))
                .isInstanceOf(BackendCallException.class).hasMessageContaining("is not an object");
        assertThat(JsonSlices.selector("/n").expecting("number").select(utf8("{\"n\":2.5}")).json()).isEqualTo("2.5");
    }

    @Test
    void refusesTruncatedJson() {
        assertThatThrownBy(() -> select("/orders", "{\"orders\":[{\"id\":"))
                .isInstanceOf(BackendCallException.class)
                .satisfies(e -> assertThat(((BackendCallException) e).kind()).isEqualTo(BackendCallException.Kind.BAD_BODY));
    }

    @Test
    void refusesTrailingGarbage() {
        assertThatThrownBy(() -> select("", "{\"id\":1} xyz")).isInstanceOf(BackendCallException.class);
    }

    @Test
    void refusesAMissingValue() {
        assertThatThrownBy(() -> select("/orders", "{\"items\":[]}"))
                .isInstanceOf(BackendCallException.class).hasMessageContaining("no value at '/orders'");
        assertThatThrownBy(() -> select("/a/3", "{\"a\":[1,2]}")).isInstanceOf(BackendCallException.class);
    }

    @Test
    void refusesABodyThatIsNotAnObjectOrArray() {
        assertThatThrownBy(() -> select("", "42")).isInstanceOf(BackendCallException.class);
        assertThatThrownBy(() -> select("", "\"text\"")).isInstanceOf(BackendCallException.class);
    }

    @Test
    void hashesEqualContentEqually() {
        assertThat(SectionPayload.ofJson("[1]").contentHash()).isEqualTo(SectionPayload.ofJson("[1]").contentHash())
                .isNotEqualTo(SectionPayload.ofJson("[2]").contentHash());
    }
}

package dev.mosaic.composer.section;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class JsonSlicesTests {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void cutsOutTheNamedArrayExactly() {
        SectionPayload payload = JsonSlices.arrayField(
                utf8("{\"userId\":\"u-1\",\"before\":{\"x\":[1]},\"orders\":[{\"id\":\"é-1\"},{\"id\":2}],\"n\":3}"),
                "orders");

        assertThat(payload.json()).isEqualTo("[{\"id\":\"é-1\"},{\"id\":2}]");
    }

    @Test
    void keepsAWholeObject() {
        assertThat(JsonSlices.object(utf8(" {\"id\":\"u-1\"} ")).json()).isEqualTo(" {\"id\":\"u-1\"} ");
    }

    @Test
    void refusesTruncatedJson() {
        assertThatThrownBy(() -> JsonSlices.arrayField(utf8("{\"orders\":[{\"id\":"), "orders"))
                .isInstanceOf(BadResponseException.class);
    }

    @Test
    void refusesTrailingGarbage() {
        assertThatThrownBy(() -> JsonSlices.object(utf8("{\"id\":1} xyz")))
                .isInstanceOf(BadResponseException.class);
    }

    @Test
    void refusesAMissingOrMistypedField() {
        assertThatThrownBy(() -> JsonSlices.arrayField(utf8("{\"items\":[]}"), "orders"))
                .isInstanceOf(BadResponseException.class).hasMessageContaining("missing");
        assertThatThrownBy(() -> JsonSlices.arrayField(utf8("{\"orders\":{}}"), "orders"))
                .isInstanceOf(BadResponseException.class).hasMessageContaining("not an array");
    }

    @Test
    void refusesANonObjectBody() {
        assertThatThrownBy(() -> JsonSlices.object(utf8("[1,2]"))).isInstanceOf(BadResponseException.class);
    }

    @Test
    void hashesEqualContentEqually() {
        assertThat(SectionPayload.ofJson("[1]").contentHash()).isEqualTo(SectionPayload.ofJson("[1]").contentHash())
                .isNotEqualTo(SectionPayload.ofJson("[2]").contentHash());
    }
}

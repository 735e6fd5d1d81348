package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProductIdsTests {

    @Test
    void keepsTheOrderAskedAndAnswersARepeatOnce() {
        ProductIds ids = ProductIds.parse(List.of("p-3,p-1,p-3,p-2"));

        assertThat(ids.valid()).isTrue();
        assertThat(ids.ids()).containsExactly("p-3", "p-1", "p-2");
    }

    @Test
    void countsTheIdsAsSentAgainstTheBound() {
        String fiftyOne = String.join(",", Collections.nCopies(ProductIds.MAX_IDS + 1, "p-1"));

        ProductIds ids = ProductIds.parse(List.of(fiftyOne));

        assertThat(ids.valid()).isFalse();
        assertThat(ids.problem()).contains("at most 50");
    }

    @Test
    void refusesAMissingRepeatedEmptyOrMalformedParameterWithAReason() {
        assertThat(ProductIds.parse(List.of()).problem()).contains("exactly one");
        assertThat(ProductIds.parse(List.of("p-1", "p-2")).problem()).contains("exactly one");
        assertThat(ProductIds.parse(List.of("")).problem()).contains("non-empty");
        assertThat(ProductIds.parse(List.of("p-1,")).problem()).contains("''");
        assertThat(ProductIds.parse(List.of("p-1,p/2")).problem()).contains("'p/2'");
    }
}

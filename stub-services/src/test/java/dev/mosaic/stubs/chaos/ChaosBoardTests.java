package dev.mosaic.stubs.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import dev.mosaic.stubs.Backend;
import dev.mosaic.stubs.StubClient;
import org.junit.jupiter.api.Test;

class ChaosBoardTests {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final ChaosBoard board = new ChaosBoard(11L, 3, Clock.fixed(NOW, ZoneOffset.UTC));

    private static ChaosPatch patch(String json) {
        return ChaosPatch.parse(StubClient.JSON.readTree(json));
    }

    @Test
    void eventLogKeepsOnlyTheNewestChanges() {
        for (int i = 1; i <= 5; i++) {
            board.update(Backend.USER, patch("{\"latencyMs\":" + i + "}"));
        }

        List<ChaosEvent> events = board.events();
        assertThat(events).extracting(ChaosEvent::sequence).containsExactly(3L, 4L, 5L);
        assertThat(events).extracting(e -> e.settings().latencyMs()).containsExactly(3L, 4L, 5L);
        assertThat(events).allSatisfy(e -> assertThat(e.at()).isEqualTo(NOW));
    }

    @Test
    void outOfRangeChangeLeavesSettingsAndLogUntouched() {
        board.update(Backend.ORDERS, patch("{\"latencyMs\":40}"));

        assertThatThrownBy(() -> board.update(Backend.ORDERS, patch("{\"latencyMs\":10,\"errorRate\":3}")))
                .isInstanceOf(InvalidChaosSettingsException.class).hasMessageContaining("errorRate");
        assertThat(board.settings(Backend.ORDERS).latencyMs()).isEqualTo(40);
        assertThat(board.events()).hasSize(1);
    }

    @Test
    void clearRestartsTheDecisionSequenceFromTheDefaultSeed() {
        board.update(Backend.USER, patch("{\"errorRate\":0.5}"));
        List<Boolean> first = errors(Backend.USER, 64);
        board.clear(Backend.USER);
        board.update(Backend.USER, patch("{\"errorRate\":0.5}"));

        assertThat(board.settings(Backend.USER).seed()).isEqualTo(11L);
        assertThat(errors(Backend.USER, 64)).isEqualTo(first);
    }

    @Test
    void seedInAChangeRestartsTheSequenceAndNullSeedMeansTheDefault() {
        board.update(Backend.USER, patch("{\"errorRate\":0.5,\"seed\":99}"));
        List<Boolean> seeded = errors(Backend.USER, 64);
        board.update(Backend.USER, patch("{\"seed\":99}"));
        assertThat(errors(Backend.USER, 64)).isEqualTo(seeded);

        assertThat(board.update(Backend.USER, patch("{\"seed\":null}")).seed()).isEqualTo(11L);
    }

    @Test
    void resetQuietensEveryService() {
        board.update(Backend.USER, patch("{\"latencyMs\":5}"));
        board.update(Backend.RECOMMENDATIONS, patch("{\"down\":true}"));

        board.reset();

        assertThat(board.all().values()).allSatisfy(s -> assertThat(s).isEqualTo(ChaosSettings.none(11L)));
        assertThat(board.events()).extracting(ChaosEvent::action).containsOnly(ChaosEvent.Action.RESET);
    }

    private List<Boolean> errors(Backend backend, int requests) {
        return IntStream.range(0, requests).mapToObj(i -> board.decide(backend).injectsError()).toList();
    }

    @Test
    void anInstanceFollowsItsServiceUntilItHasSettingsOfItsOwn() {
        board.update(Backend.ORDERS, patch("{\"latencyMs\":40}"));
        assertThat(board.settings(Backend.ORDERS, 1).latencyMs()).isEqualTo(40);

        board.update(Backend.ORDERS, 1, patch("{\"down\":true}"));
        board.update(Backend.ORDERS, patch("{\"latencyMs\":70}"));

        assertThat(board.settings(Backend.ORDERS, 1).down()).isTrue();
        assertThat(board.settings(Backend.ORDERS, 1).latencyMs()).as("started from the service's 40, kept")
                .isEqualTo(40);
        assertThat(board.settings(Backend.ORDERS, 0).latencyMs()).isEqualTo(70);
        assertThat(board.settings(Backend.ORDERS, 0).down()).isFalse();
        assertThat(board.events()).extracting(ChaosEvent::instance).containsExactly(null, 1, null);
    }

    @Test
    void clearingAnInstanceOrItsServiceOrEverythingDropsItsOwnSettings() {
        board.update(Backend.USER, 1, patch("{\"down\":true}"));
        board.clear(Backend.USER, 1);
        assertThat(board.hasOwnSettings(Backend.USER, 1)).isFalse();

        board.update(Backend.USER, 1, patch("{\"down\":true}"));
        board.clear(Backend.USER);
        assertThat(board.settings(Backend.USER, 1).down()).isFalse();

        board.update(Backend.CATALOG, 2, patch("{\"errorRate\":1.0}"));
        board.reset();
        assertThat(board.hasOwnSettings(Backend.CATALOG, 2)).isFalse();
    }

    @Test
    void anInstanceOutOfRangeIsRefused() {
        assertThatThrownBy(() -> board.settings(Backend.USER, ChaosBoard.MAX_INSTANCES))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.mosaic.loadtest.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.mosaic.loadtest.experiment.Phases;
import org.junit.jupiter.api.Test;

class DashboardTargetsTests {

    private final Phases phases = Phases.of(Duration.ofSeconds(40));
    private final List<DashboardTargets.Target> hot = targets(1, 3);
    private final List<DashboardTargets.Target> cold = targets(4, 5);

    private static List<DashboardTargets.Target> targets(int from, int to) {
        return DashboardTargets.userIds(from, to).stream().map(u -> new DashboardTargets.Target(u, "jwt-" + u)).toList();
    }

    @Test
    void rotatesOverTheUsersEachWithItsOwnToken() {
        DashboardTargets targets = DashboardTargets.of(hot, List.of(), phases);

        List<String> users = IntStream.range(0, 6).mapToObj(i -> targets.next(20_000).userId()).toList();

        assertThat(users).containsExactly("u-1", "u-2", "u-3", "u-1", "u-2", "u-3");
        assertThat(targets.next(0).token()).isEqualTo("jwt-u-1");
    }

    @Test
    void asksForColdUsersOnlyWhileTheFaultIsHeld() {
        DashboardTargets targets = DashboardTargets.of(hot, cold, phases);

        assertThat(targets.next(5_000).userId()).isEqualTo("u-1");
        assertThat(targets.next(12_000).userId()).isEqualTo("u-4");
        assertThat(targets.next(13_000).userId()).isEqualTo("u-5");
        assertThat(targets.next(30_000).userId()).isEqualTo("u-2");
    }

    @Test
    void namesTheSeededUsers() {
        assertThat(DashboardTargets.userIds(1, 3)).containsExactly("u-1", "u-2", "u-3");
    }
}

package dev.mosaic.stubs.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import dev.mosaic.stubs.StubClient;
import org.junit.jupiter.api.Test;

class ChaosDiceTests {

    private static ChaosSettings settings(String json) {
        return ChaosPatch.parse(StubClient.JSON.readTree(json)).applyTo(ChaosSettings.none(null), null);
    }

    private static List<ChaosDecision> roll(long seed, ChaosSettings settings, int times) {
        ChaosDice dice = new ChaosDice(seed);
        return IntStream.range(0, times).mapToObj(i -> dice.roll(settings)).toList();
    }

    @Test
    void sameSeedGivesTheSameSequenceOfDecisions() {
        ChaosSettings chaos = settings("{\"errorRate\":0.3,\"fault\":\"EMPTY_RESPONSE\",\"faultRate\":0.2,"
                + "\"latencyMs\":100,\"jitterMs\":40,\"distribution\":\"lognormal\"}");

        assertThat(roll(42, chaos, 500)).isEqualTo(roll(42, chaos, 500));
        assertThat(roll(43, chaos, 500)).isNotEqualTo(roll(42, chaos, 500));
    }

    @Test
    void stragglersGetTheirExtraDelayAtTheirRateAndShiftNoOtherDecision() {
        ChaosSettings base = settings("{\"errorRate\":0.3,\"latencyMs\":100,\"jitterMs\":40}");
        ChaosSettings stragglers = settings("{\"errorRate\":0.3,\"latencyMs\":100,\"jitterMs\":40,"
                + "\"slowRate\":0.02,\"slowMs\":600}");
        List<ChaosDecision> without = roll(42, base, 10_000);
        List<ChaosDecision> with = roll(42, stragglers, 10_000);

        long slow = 0;
        for (int i = 0; i < with.size(); i++) {
            ChaosDecision a = without.get(i);
            ChaosDecision b = with.get(i);
            assertThat(b.injectsError()).isEqualTo(a.injectsError());
            assertThat(b.delayMs() - a.delayMs()).isIn(0L, 600L);
            if (b.delayMs() != a.delayMs()) {
                slow++;
            }
        }
        // mean 200, sd 14: bounds are 5 sd
        assertThat(slow).isBetween(130L, 270L);
        assertThat(roll(42, settings("{\"slowRate\":1.0,\"slowMs\":600}"), 5))
                .allSatisfy(d -> assertThat(d.delayMs()).isEqualTo(600));
    }

    @Test
    void errorAndFaultRatesHoldWithinStatisticalBounds() {
        List<ChaosDecision> decisions = roll(42, settings("{\"errorRate\":0.25,\"fault\":\"CONNECTION_RESET_BY_PEER\","
                + "\"faultRate\":0.1}"), 10_000);

        long faults = decisions.stream().filter(d -> d.fault() != null).count();
        long errors = decisions.stream().filter(ChaosDecision::injectsError).count();
        // faults: mean 1000, sd 30; errors among the other 9000: mean 2250, sd 41 — bounds are 5 sd.
        assertThat(faults).isBetween(850L, 1150L);
        assertThat(errors).isBetween(2045L, 2455L);
        assertThat(decisions).noneMatch(d -> d.fault() != null && d.injectsError());
    }

    @Test
    void uniformDelaysStayWithinLatencyPlusMinusJitter() {
        long[] delays = roll(1, settings("{\"latencyMs\":200,\"jitterMs\":50}"), 2_000).stream()
                .mapToLong(ChaosDecision::delayMs).toArray();

        assertThat(Arrays.stream(delays).min().getAsLong()).isBetween(150L, 155L);
        assertThat(Arrays.stream(delays).max().getAsLong()).isBetween(245L, 250L);
    }

    @Test
    void fixedDelaysIgnoreJitter() {
        assertThat(roll(1, settings("{\"latencyMs\":200,\"jitterMs\":50,\"distribution\":\"fixed\"}"), 100))
                .allSatisfy(d -> assertThat(d.delayMs()).isEqualTo(200));
    }

    @Test
    void lognormalDelaysHaveTheLatencyAsMedianAndALongRightTail() {
        long[] delays = roll(5, settings("{\"latencyMs\":200,\"jitterMs\":100,\"distribution\":\"lognormal\"}"), 4_001)
                .stream().mapToLong(ChaosDecision::delayMs).sorted().toArray();

        assertThat(delays[2_000]).isBetween(185L, 215L);
        assertThat(delays[3_960] - 200).as("p99 above the median").isGreaterThan(200 - delays[40]);
        assertThat(delays[0]).isPositive();
    }

    @Test
    void quietSettingsDecideNothing() {
        assertThat(roll(9, ChaosSettings.none(null), 10)).containsOnly(ChaosDecision.NONE);
    }
}

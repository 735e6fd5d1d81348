package dev.mosaic.gateway.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.netflix.concurrency.limits.Limit;
import dev.mosaic.gateway.overload.RouteConcurrencyLimitProperties.Algorithm;
import dev.mosaic.gateway.overload.RouteConcurrencyLimitProperties.RouteLimit;
import org.junit.jupiter.api.Test;

/**
 * {@code goodput}'s decisions on simulated stacks, sample by sample on the samples' own clock (each
 * sample is one answer: when its request started, how long it took, what was in flight).
 */
class GoodputLimitTests {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** A route whose stack answers at most {@code perSecond}; the clock of its answers. */
    private static final class Stack {

        private final Limit limit;
        private long now;

        Stack(Limit limit) {
            this.limit = limit;
        }

        /**
         * Saturated: the offered load is over the limit, so the limit is full, and a CPU-bound stack
         * answers {@code perSecond} whatever is in flight; each answer waited in flight / perSecond
         * (Little's law). Returns the limit after {@code seconds}.
         */
        int saturated(int perSecond, double seconds) {
            long answers = Math.round(perSecond * seconds);
            for (long i = 0; i < answers; i++) {
                now += SECOND / perSecond;
                int inFlight = limit.getLimit();
                long rtt = inFlight * SECOND / perSecond;
                limit.onSample(now - rtt, rtt, inFlight, false);
            }
            return limit.getLimit();
        }

        /** Not saturated: {@code perSecond} arrive and each is answered in {@code latencyMillis}. */
        int light(int perSecond, long latencyMillis, double seconds, boolean dropped) {
            long answers = Math.round(perSecond * seconds);
            long rtt = TimeUnit.MILLISECONDS.toNanos(latencyMillis);
            int inFlight = (int) Math.max(1, perSecond * latencyMillis / 1000);
            for (long i = 0; i < answers; i++) {
                now += SECOND / perSecond;
                limit.onSample(now - rtt, rtt, inFlight, dropped);
            }
            return limit.getLimit();
        }
    }

    private static Limit goodput(int initial, int min, int max, long targetMillis) {
        return RouteConcurrencyLimits.limitOf(new RouteLimit(null, Algorithm.GOODPUT, initial, min, max,
                Duration.ofMillis(targetMillis)));
    }

    @Test
    void saturatedItHoldsWhatTheStackAnswersWithinTheTarget() {
        Stack stack = new Stack(goodput(64, 16, 8192, 500));

        // 750/s within 500 ms: 375 in flight, one window after the step
        assertThat(stack.saturated(750, 0.3)).isBetween(370, 380);
        assertThat(stack.saturated(750, 10)).as("and holds it").isBetween(370, 380);
    }

    @Test
    void aLimitLearntOnAFasterStackIsRightOneWindowAfterItSlows() {
        // loadtest overload: the warm-up on two cores, then the stack pinned to one
        Stack stack = new Stack(goodput(64, 16, 8192, 500));
        stack.saturated(2_000, 2);
        assertThat(stack.limit.getLimit()).isBetween(990, 1010);

        assertThat(stack.saturated(750, 0.6)).as("a third of the speed, after one window").isBetween(370, 380);
        assertThat(stack.saturated(250, 0.6)).as("and a third again").isBetween(120, 130);
    }

    @Test
    void notSaturatedTheLimitStaysAboveWhatIsInFlight() {
        Stack stack = new Stack(goodput(64, 16, 8192, 500));

        // 200/s answered in 20 ms: 4 in flight, and room for 100
        assertThat(stack.light(200, 20, 5, false)).isBetween(98, 102);
        // the same load on a backend at 300 ms: 60 in flight, still under the limit
        assertThat(stack.light(200, 300, 5, false)).isBetween(98, 102);
    }

    @Test
    void atRestItFallsToItsFloor() {
        Stack stack = new Stack(goodput(64, 16, 8192, 500));

        assertThat(stack.light(2, 10, 10, false)).isEqualTo(16);
    }

    @Test
    void dropsAreNotAnswers() {
        Stack stack = new Stack(goodput(64, 16, 8192, 500));
        stack.light(200, 20, 2, false);

        assertThat(stack.light(200, 20, 1, true)).as("every request a 504").isEqualTo(16);
    }

    @Test
    void itChangesOnlyWhenAWindowEnds() {
        Limit limit = goodput(64, 16, 8192, 500);
        long ms = TimeUnit.MILLISECONDS.toNanos(1);
        for (int i = 0; i < 1_000; i++) {
            limit.onSample(i * ms / 10, ms, 10, false); // 1,000 answers within 100 ms: no window has ended
        }
        assertThat(limit.getLimit()).isEqualTo(64);

        limit.onSample(250 * ms, ms, 10, false);
        assertThat(limit.getLimit()).as("1,001 answers in 250 ms: 4,004/s x 500 ms").isEqualTo(2002);
    }

    @Test
    void itNeverLeavesItsBounds() {
        Stack stack = new Stack(goodput(64, 16, 500, 500));

        assertThat(stack.saturated(5_000, 1)).isEqualTo(500);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GoodputLimit(8, 16, 64, SECOND, SECOND));
        assertThatIllegalArgumentException().isThrownBy(() -> new GoodputLimit(16, 16, 64, 0, SECOND));
        assertThatIllegalArgumentException().isThrownBy(() -> new GoodputLimit(16, 16, 64, SECOND, 0));
    }
}

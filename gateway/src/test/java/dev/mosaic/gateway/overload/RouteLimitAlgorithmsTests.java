package dev.mosaic.gateway.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.netflix.concurrency.limits.Limit;
import dev.mosaic.gateway.overload.RouteConcurrencyLimitProperties.Algorithm;
import dev.mosaic.gateway.overload.RouteConcurrencyLimitProperties.RouteLimit;
import org.junit.jupiter.api.Test;

/**
 * The limits' decisions, sample by sample (each sample is one request's latency and what was in flight):
 * why the overload experiment's adaptive arm runs Vegas, that Vegas keeps its floor, and what AIMD holds
 * on a CPU-bound stack where Vegas sits at its floor.
 */
class RouteLimitAlgorithmsTests {

    private static final long NO_QUEUE = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long QUEUED = TimeUnit.MILLISECONDS.toNanos(400);

    private static Limit limit(Algorithm algorithm, int initial, int min, int max) {
        return RouteConcurrencyLimits.limitOf(new RouteLimit(null, algorithm, initial, min, max));
    }

    /** Feeds {@code samples} of {@code rtt} with the limit full (every slot in flight). */
    private static int feed(Limit limit, long rtt, int samples) {
        for (int i = 0; i < samples; i++) {
            limit.onSample(0, rtt, limit.getLimit(), false);
        }
        return limit.getLimit();
    }

    @Test
    void vegasShrinksForAsLongAsRequestsQueueButNeverUnderItsFloor() {
        Limit vegas = limit(Algorithm.VEGAS, 200, 16, 1000);
        feed(vegas, NO_QUEUE, 1); // the latency without a queue

        assertThat(feed(vegas, QUEUED, 50)).as("queueing lowers the limit").isLessThan(200);
        assertThat(feed(vegas, QUEUED, 2_000)).as("a long overload takes it to the floor, not below").isEqualTo(16);
    }

    @Test
    void vegasGrowsWhileFullAndNotQueueing() {
        Limit vegas = limit(Algorithm.VEGAS, 20, 16, 1000);

        assertThat(feed(vegas, NO_QUEUE, 100)).isGreaterThan(100);
    }

    @Test
    void gradient2CatchesUpWithALongOverloadAndGrowsAgain() {
        // the reason the experiment's adaptive arm is not Gradient2: it measures a change in latency, so
        // a queue that lasts becomes its new normal
        Limit gradient = limit(Algorithm.GRADIENT2, 200, 16, 1000);
        feed(gradient, NO_QUEUE, 600);
        int afterTheStep = feed(gradient, QUEUED, 30);

        assertThat(afterTheStep).as("the step lowers it").isLessThan(200);
        assertThat(feed(gradient, QUEUED, 3_000)).as("then it grows under the same queue").isGreaterThan(afterTheStep);
    }

    /**
     * A stack bound by its CPU: it answers {@code perSecond} whatever is in flight, so each answer waits
     * in flight / perSecond (Little's law), and the limit is full (the offered load is over it). Returns
     * the limit after {@code samples} answers.
     */
    private static int cpuBound(Limit limit, int perSecond, int samples) {
        for (int i = 0; i < samples; i++) {
            int inFlight = limit.getLimit();
            limit.onSample(0, TimeUnit.SECONDS.toNanos(inFlight) / perSecond, inFlight, false);
        }
        return limit.getLimit();
    }

    @Test
    void onACpuBoundStackVegasSitsAtItsFloorWhereAimdHoldsTheQueueItsTargetAllows() {
        Limit vegas = limit(Algorithm.VEGAS, 64, 48, 8192);
        feed(vegas, NO_QUEUE, 1);
        Limit aimd = RouteConcurrencyLimits.limitOf(new RouteLimit(null, Algorithm.AIMD, 64, 16, 8192, Duration.ofMillis(500)));

        assertThat(cpuBound(vegas, 750, 20_000)).as("every request beyond the first is queue to Vegas").isEqualTo(48);
        // 750/s within 500 ms: 375 in flight; the limit saws between just over that and a tenth below
        int held = cpuBound(aimd, 750, 20_000);
        assertThat(held).as("AIMD fills the latency target").isBetween(330, 380);
        assertThat(cpuBound(aimd, 250, 20_000)).as("a third of the speed, a third of the limit").isBetween(110, 130);
    }

    @Test
    void aimdCutsItsLimitWhenAnswersAreOverTheTargetOrDropped() {
        Limit aimd = RouteConcurrencyLimits.limitOf(new RouteLimit(null, Algorithm.AIMD, 200, 16, 8192, Duration.ofMillis(300)));

        assertThat(feed(aimd, QUEUED, 1)).isEqualTo(180);
        aimd.onSample(0, NO_QUEUE, aimd.getLimit(), true);
        assertThat(aimd.getLimit()).as("a 504 is a drop").isEqualTo(162);
        assertThat(feed(aimd, QUEUED, 1_000)).as("never under its floor").isEqualTo(16);
        assertThat(feed(aimd, NO_QUEUE, 100)).as("and grows by one an answer within the target").isEqualTo(116);
    }

    @Test
    void aFixedLimitIgnoresLatency() {
        Limit fixed = RouteConcurrencyLimits.limitOf(new RouteLimit(64, null, null, null, null));

        assertThat(feed(fixed, QUEUED, 1_000)).isEqualTo(64);
    }
}

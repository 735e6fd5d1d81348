package dev.mosaic.gateway.overload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import com.netflix.concurrency.limits.Limit;
import dev.mosaic.gateway.overload.RouteConcurrencyLimitProperties.Algorithm;
import dev.mosaic.gateway.overload.RouteConcurrencyLimitProperties.RouteLimit;
import org.junit.jupiter.api.Test;

/**
 * The limits' decisions, sample by sample (each sample is one request's latency and what was in flight):
 * why the overload experiment's adaptive arm runs Vegas, and that Vegas keeps its floor.
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

    @Test
    void aFixedLimitIgnoresLatency() {
        Limit fixed = RouteConcurrencyLimits.limitOf(new RouteLimit(64, null, null, null, null));

        assertThat(feed(fixed, QUEUED, 1_000)).isEqualTo(64);
    }
}

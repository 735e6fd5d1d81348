package dev.mosaic.composer.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TokenBucketRetryBudgetTests {

    @Test
    void startsWithItsReserve() {
        RetryBudget budget = RetryBudget.tokenBucket(0.2, 3);

        assertThat(budget.tryAcquireRetry()).isTrue();
        assertThat(budget.tryAcquireRetry()).isTrue();
        assertThat(budget.tryAcquireRetry()).isTrue();
        assertThat(budget.tryAcquireRetry()).isFalse();
    }

    @Test
    void allowsOneRetryPerFiveRequestsAtTwentyPercent() {
        RetryBudget budget = RetryBudget.tokenBucket(0.2, 1);
        budget.tryAcquireRetry();

        int retries = 0;
        for (int request = 0; request < 100; request++) {
            budget.onRequest();
            if (budget.tryAcquireRetry()) {
                retries++;
            }
        }

        assertThat(retries).isEqualTo(20);
    }

    @Test
    void neverHoldsMoreThanItsReserve() {
        RetryBudget budget = RetryBudget.tokenBucket(1.0, 2);
        for (int i = 0; i < 100; i++) {
            budget.onRequest();
        }

        assertThat(budget.available()).isEqualTo(2.0);
    }

    @Test
    void refusesARatioAboveOne() {
        assertThatIllegalArgumentException().isThrownBy(() -> RetryBudget.tokenBucket(1.5, 10));
    }
}

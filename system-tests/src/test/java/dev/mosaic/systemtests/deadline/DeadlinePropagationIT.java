package dev.mosaic.systemtests.deadline;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.mosaic.systemtests.stack.Backend;
import dev.mosaic.systemtests.stack.Http;
import dev.mosaic.systemtests.stack.MosaicStack;
import dev.mosaic.systemtests.stack.MosaicStackExtension;
import dev.mosaic.systemtests.stack.StubControlPlane;
import dev.mosaic.systemtests.stack.StubControlPlane.ReceivedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code X-Mosaic-Timeout-Ms} from the client, through the real gateway and composer, to every
 * backend of the dashboard (read from each stub's request journal): each call is told at most the
 * client's budget.
 */
@ExtendWith(MosaicStackExtension.class)
@Order(1)
class DeadlinePropagationIT {

    private static final String HEADER = "X-Mosaic-Timeout-Ms";

    private final MosaicStack stack;
    private final StubControlPlane stubs;

    DeadlinePropagationIT(MosaicStack stack) {
        this.stack = stack;
        this.stubs = stack.stubs();
    }

    @BeforeEach
    void warmAndClearJournals() {
        stack.awaitWarm();
        for (Backend backend : Backend.values()) {
            stubs.clearJournal(backend);
        }
    }

    @Test
    void everyBackendIsToldAtMostTheClientsBudget() {
        String token = stubs.token("u-42", "dashboard:read");
        HttpResponse<String> response = Http.send(Http.get(stack.gatewayUrl() + "/api/dashboard/u-42")
                .header("Authorization", "Bearer " + token).header(HEADER, "300"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (Backend backend : Backend.DASHBOARD) {
            assertThat(budgetsReceivedBy(backend)).as("%s received by %s", HEADER, backend.id())
                    .isNotEmpty()
                    .allSatisfy(budget -> assertThat(budget).isBetween(1L, 300L));
        }
    }

    @Test
    void aBudgetThatIsNotANumberIsRefusedBeforeAnyBackendCall() {
        String token = stubs.token("u-42", "dashboard:read");
        HttpResponse<String> response = Http.send(Http.get(stack.gatewayUrl() + "/api/dashboard/u-42")
                .header("Authorization", "Bearer " + token).header(HEADER, "soon"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("invalid-timeout");
        assertThat(stubs.journal(Backend.USER)).isEmpty();
    }

    private List<Long> budgetsReceivedBy(Backend backend) {
        // WireMock journals a request as it finishes serving it: wait for the entries, never sleep
        List<ReceivedRequest> received = await(backend.id() + " journal")
                .atMost(Duration.ofSeconds(5))
                .until(() -> stubs.journal(backend), list -> !list.isEmpty());
        return received.stream().map(r -> r.header(HEADER).map(Long::parseLong).orElse(-1L)).toList();
    }
}

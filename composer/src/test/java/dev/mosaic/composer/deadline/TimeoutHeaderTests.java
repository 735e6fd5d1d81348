package dev.mosaic.composer.deadline;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * {@code X-Mosaic-Timeout-Ms} over loopback: a client's budget shortens the deadline, every backend
 * call is told how long it will be waited for (read from WireMock's journal), and a value that is not
 * a budget is a 400, never ignored or a 500.
 */
class TimeoutHeaderTests extends ComposerIntegrationTest {

    private static final String HEADER = "X-Mosaic-Timeout-Ms";

    private static List<Long> budgetsSentTo(String pathRegex, String user) {
        return Backends.requests(pathRegex).stream().filter(r -> r.getUrl().contains(user))
                .map(LoggedRequest::getHeaders)
                .map(h -> h.getHeader(HEADER))
                .map(h -> h.isPresent() ? Long.parseLong(h.firstValue()) : -1L)
                .toList();
    }

    @Test
    void everyBackendCallCarriesTheTimeItWillBeWaitedFor() {
        String user = freshUser();

        client.get().uri("/dashboard/{id}", user).exchange().expectStatus().isOk();

        // the attempt timeout (400 ms) is less than what remains of the 900 ms deadline at the start
        assertThat(budgetsSentTo("/users/.+", user)).singleElement().isEqualTo(400L);
        assertThat(budgetsSentTo("/orders", user)).singleElement().isEqualTo(400L);
    }

    @Test
    void aClientsShorterBudgetReachesTheBackends() {
        String user = freshUser();

        client.get().uri("/dashboard/{id}", user).header(HEADER, "150").exchange().expectStatus().isOk();

        assertThat(budgetsSentTo("/users/.+", user)).singleElement()
                .satisfies(budget -> assertThat(budget).isBetween(1L, 150L));
        assertThat(budgetsSentTo("/recommendations", user)).singleElement()
                .satisfies(budget -> assertThat(budget).isBetween(1L, 150L));
    }

    @Test
    void aClientsBudgetIsTheDeadlineOfARequiredSection() {
        String user = freshUser();
        // slower than the client's 200 ms, well inside the composition's 900 ms and the 400 ms timeout
        Backends.stub(get(urlPathMatching("/users/" + user)).willReturn(Backends.json(Backends.user(user))
                .withFixedDelay(350)));

        client.get().uri("/dashboard/{id}", user).header(HEADER, "200").exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.sections.user.reason").isEqualTo("DEADLINE_EXCEEDED");

        // without the header the same request has time
        client.get().uri("/dashboard/{id}", user).exchange().expectStatus().isOk();
    }

    @Test
    void aValueThatIsNotABudgetIsA400() {
        String user = freshUser();
        for (String bad : List.of("0", "-1", "soon", "1.5", "99999999")) {
            client.get().uri("/dashboard/{id}", user).header(HEADER, bad).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://mosaic.dev/problems/invalid-timeout")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(HEADER));
        }
        assertThat(Backends.requests(".*").stream().filter(r -> r.getUrl().contains(user)))
                .as("nothing was asked of any backend").isEmpty();
    }
}

package dev.mosaic.stubs.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import dev.mosaic.stubs.StubClient;
import tools.jackson.databind.JsonNode;

/** Assertions on the backends' RFC 9457 answers. */
final class BackendProblems {

    private BackendProblems() {
    }

    /** The response is problem+json with {@code status} in the status line and the body, and every RFC 9457 member. */
    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " → " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = StubClient.json(response);
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.propertyNames()).contains("type", "title", "status", "detail", "instance");
    }
}

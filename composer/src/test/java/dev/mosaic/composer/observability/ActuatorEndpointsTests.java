package dev.mosaic.composer.observability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import com.github.tomakehurst.wiremock.http.Fault;
import com.jayway.jsonpath.JsonPath;
import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import dev.mosaic.composer.support.Management;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.http.HttpStatus;

/** The management port's health groups, build and git info, and the Resilience4j endpoints. */
class ActuatorEndpointsTests extends ComposerIntegrationTest {

    @LocalManagementPort
    int managementPort;

    Management management;

    @BeforeEach
    void management() {
        management = Management.on(managementPort);
    }

    @Test
    void staysReadyAndLiveWhenEveryBackendIsDown() {
        Backends.stub(get(urlPathMatching("/users/.+")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Backends.stub(get(urlPathEqualTo("/orders")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        Backends.stub(get(urlPathEqualTo("/recommendations"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        client.get().uri("/dashboard/{id}", freshUser()).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        management.client().get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management.client().get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management.client().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }

    @Test
    void reportsBuildInfoAndGitWhenTheBuildHadIt() throws IOException {
        var body = management.client().get().uri("/actuator/info").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.build.artifact").isEqualTo("composer")
                .jsonPath("$.build.group").isEqualTo("dev.mosaic")
                .jsonPath("$.build.version").isNotEmpty();
        // a source tree without .git still builds (failOnNoGitDirectory=false), with no commit to show
        if (builtFromGitCheckout()) {
            body.jsonPath("$.git.commit.id").isNotEmpty().jsonPath("$.git.branch").isNotEmpty();
        }
    }

    private static boolean builtFromGitCheckout() throws IOException {
        ClassPathResource resource = new ClassPathResource("git.properties");
        return resource.exists() && PropertiesLoaderUtils.loadProperties(resource).containsKey("git.commit.id");
    }

    @Test
    void countsRetriedCallsOnTheRetriesEndpoint() {
        Backends.stub(get(urlPathEqualTo("/orders")).inScenario("retries-endpoint").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
        Backends.stub(get(urlPathEqualTo("/orders")).inScenario("retries-endpoint").whenScenarioStateIs("recovered")
                .willReturn(Backends.json(Backends.ORDERS_JSON)));
        int before = successfulWithRetry();

        client.get().uri("/dashboard/{id}", freshUser()).exchange().expectStatus().isOk();

        assertThat(successfulWithRetry()).isEqualTo(before + 1);
        management.client().get().uri("/actuator/retries").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.retries.orders.maxAttempts").isEqualTo(3)
                .jsonPath("$.retries.user.maxAttempts").isEqualTo(3)
                .jsonPath("$.retries.recommendations").exists();
    }

    @Test
    void exposesOnlyTheDocumentedEndpoints() {
        management.client().get().uri("/actuator").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$._links.circuitbreakers").exists()
                .jsonPath("$._links.circuitbreakerevents").exists()
                .jsonPath("$._links.retries").exists()
                .jsonPath("$._links.prometheus").exists()
                .jsonPath("$._links.info").exists()
                .jsonPath("$._links.env").doesNotExist()
                .jsonPath("$._links.heapdump").doesNotExist();
    }

    private int successfulWithRetry() {
        String body = management.client().get().uri("/actuator/retries").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JsonPath.read(body, "$.retries.orders.successfulCallsWithRetry");
    }
}

package dev.mosaic.loadtest.chaos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Minting tokens from a WireMock server that plays the dev identity provider's {@code POST /token}. */
class ControlPlaneTokenTests {

    private final WireMockServer idp = new WireMockServer(options().dynamicPort());
    private ControlPlane control;

    @BeforeEach
    void start() {
        idp.start();
        control = ControlPlane.at(HttpClient.newHttpClient(), URI.create(idp.baseUrl()));
    }

    @AfterEach
    void stop() {
        idp.stop();
    }

    @Test
    void mintsATokenForTheSubjectWithTheAnyDashboardScope() {
        idp.stubFor(post("/token")
                .withRequestBody(equalToJson("{\"sub\":\"u-7\",\"scope\":\"dashboard:read dashboard:read:any\"}"))
                .willReturn(okJson("{\"access_token\":\"jwt-for-u-7\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));

        assertThat(control.token("u-7", "dashboard:read dashboard:read:any")).isEqualTo("jwt-for-u-7");
    }

    @Test
    void saysWhatTheIdentityProviderAnsweredWhenItIssuesNoToken() {
        idp.stubFor(post("/token").willReturn(aResponse().withStatus(400).withBody("{\"detail\":\"bad scope\"}")));

        assertThatThrownBy(() -> control.token("u-7", "nope"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("400").hasMessageContaining("bad scope");
    }

    @Test
    void rejectsAnAnswerWithoutAnAccessToken() {
        idp.stubFor(post("/token").willReturn(okJson("{\"token_type\":\"Bearer\"}")));

        assertThatThrownBy(() -> control.token("u-7", "dashboard:read"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no access_token");
    }
}

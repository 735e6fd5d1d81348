package dev.mosaic.composer.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendClientTests {

    @Test
    void cutsTheUriTagToThePathsFirstSegmentSoNoIdEverBecomesATag() {
        assertThat(ReactorNettyBackendClient.uriTag("/users/u-42")).isEqualTo("/users");
        assertThat(ReactorNettyBackendClient.uriTag("/orders?userId=u-42&limit=10")).isEqualTo("/orders");
        assertThat(ReactorNettyBackendClient.uriTag("/recommendations")).isEqualTo("/recommendations");
        assertThat(ReactorNettyBackendClient.uriTag("users/u-42")).isEqualTo("/users");
        assertThat(ReactorNettyBackendClient.uriTag("/")).isEqualTo("/");
    }
}

package dev.mosaic.composer.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendClientTests {

    @Test
    void cutsTheUriTagToThePathsFirstSegmentSoNoIdEverBecomesATag() {
        assertThat(BackendClient.uriTag("/users/u-42")).isEqualTo("/users");
        assertThat(BackendClient.uriTag("/orders?userId=u-42&limit=10")).isEqualTo("/orders");
        assertThat(BackendClient.uriTag("/recommendations")).isEqualTo("/recommendations");
        assertThat(BackendClient.uriTag("users/u-42")).isEqualTo("/users");
        assertThat(BackendClient.uriTag("/")).isEqualTo("/");
    }
}

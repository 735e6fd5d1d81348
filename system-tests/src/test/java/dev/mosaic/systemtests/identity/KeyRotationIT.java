package dev.mosaic.systemtests.identity;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import dev.mosaic.systemtests.stack.Http;
import dev.mosaic.systemtests.stack.MosaicStack;
import dev.mosaic.systemtests.stack.MosaicStackExtension;
import dev.mosaic.systemtests.stack.StubControlPlane;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dev identity provider's key rotation end to end: a token signed before {@code POST /keys/rotate}
 * works, one signed after works at once through the gateway and straight at the composer (both just
 * fetched the key set, so neither may fetch again for an unknown key id: the key that takes over was
 * published in advance), the old token works during the grace period, and is refused (401) once the
 * grace period and the composer's refresh bound ({@code jwk-max-age}) are over. Runs last: tokens
 * other classes minted before the rotation stop working after it.
 */
@ExtendWith(MosaicStackExtension.class)
@Order(Integer.MAX_VALUE)
class KeyRotationIT {

    private final MosaicStack stack;
    private final StubControlPlane stubs;

    KeyRotationIT(MosaicStack stack) {
        this.stack = stack;
        this.stubs = stack.stubs();
    }

    @Test
    void rotationHasNoRejectionWindowAndTheOldKeyIsDroppedAfterItsGrace() {
        stack.awaitWarm();
        String before = stubs.token("u-42", "dashboard:read");
        assertOk(throughGateway(before), "the token of the old key through the gateway");
        assertOk(atComposer(before), "the token of the old key at the composer");

        JsonNode rotation = stubs.rotateKeys();
        Instant droppedAt = Instant.parse(rotation.path("previousDroppedAt").asString());

        String after = stubs.token("u-42", "dashboard:read");
        assertOk(atComposer(after), "a token of the new key at the composer, at once");
        assertOk(throughGateway(after), "a token of the new key through the gateway, at once");
        assertThat(Instant.now()).as("still within the grace period; lengthen it if this host is slow")
                .isBefore(droppedAt);
        assertOk(atComposer(before), "the old key's token during the grace period");
        assertOk(throughGateway(before), "the old key's token through the gateway during the grace period");

        Duration bound = MosaicStack.KEY_ROTATION_GRACE.plus(MosaicStack.COMPOSER_JWK_MAX_AGE).plusSeconds(10);
        await("the old key's token refused by the composer").atMost(bound).pollInterval(Duration.ofMillis(250))
                .until(() -> atComposer(before).statusCode() == 401);
        assertThat(Instant.now()).as("refused only after the grace period").isAfterOrEqualTo(droppedAt);
        await("the old key's token refused through the gateway").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> throughGateway(before).statusCode() == 401);
        assertOk(atComposer(after), "the new key's token keeps working");
        assertOk(throughGateway(after), "the new key's token keeps working through the gateway");
    }

    private HttpResponse<String> throughGateway(String token) {
        return Http.send(Http.get(stack.gatewayUrl() + "/api/dashboard/u-42").header("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> atComposer(String token) {
        return Http.send(Http.get(stack.composerUrl() + "/dashboard/u-42").header("Authorization", "Bearer " + token));
    }

    private static void assertOk(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(200);
    }
}

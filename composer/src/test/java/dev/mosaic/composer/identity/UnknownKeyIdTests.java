package dev.mosaic.composer.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.mosaic.composer.support.Backends;
import dev.mosaic.composer.support.ComposerIntegrationTest;
import dev.mosaic.composer.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Tokens naming key ids the provider never issued, at the composer's door: each is refused with 401,
 * and however many arrive at once they cost the identity provider at most one key set fetch per
 * {@code jwk-min-refetch-interval} (30 s by default; {@link JwkKeysTests} counts across intervals).
 */
class UnknownKeyIdTests extends ComposerIntegrationTest {

    private static final int REQUESTS = 40;

    @Test
    void answersAFloodOfUnknownKeyIdsWith401AndAtMostOneKeySetFetch() {
        String user = freshUser();
        WebClient concurrent = WebClient.create("http://127.0.0.1:" + port);

        List<Integer> statuses = Flux.range(0, REQUESTS)
                .flatMap(i -> concurrent.get().uri("/dashboard/{id}", user)
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + Tokens.token(user)
                                .signedWith(Tokens.generate("made-up-" + i)).keyId("made-up-" + i).sign())
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())))
                .collectList()
                .block(Duration.ofSeconds(20));

        assertThat(statuses).as("every made-up key id refused").hasSize(REQUESTS).containsOnly(401);
        assertThat(Backends.count(Backends.JWKS_PATH)).as("key set fetches for %d unknown key ids", REQUESTS)
                .isLessThanOrEqualTo(1);
        assertThat(Backends.count("/users/.*")).isZero();
        client.get().uri("/dashboard/{id}", user).headers(Tokens.bearer(user)).exchange().expectStatus().isOk();
    }
}

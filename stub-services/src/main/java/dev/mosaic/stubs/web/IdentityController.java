package dev.mosaic.stubs.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mosaic.stubs.identity.DevIdentityProvider;
import dev.mosaic.stubs.identity.IssuedToken;
import dev.mosaic.stubs.identity.TokenRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The DEVELOPMENT-ONLY identity provider's endpoints: the public key set, a minimal discovery
 * document, {@code POST /token}, which mints a token for any subject without asking who is
 * calling, and {@code POST /keys/rotate}. See {@link DevIdentityProvider}.
 */
@RestController
class IdentityController {

    private static final Logger log = LoggerFactory.getLogger(IdentityController.class);

    private final DevIdentityProvider identityProvider;

    IdentityController(DevIdentityProvider identityProvider) {
        this.identityProvider = identityProvider;
    }

    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        // The keys change on every start and rotation: let verifiers refetch rather than cache a stale set.
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(identityProvider.jwks());
    }

    @GetMapping("/.well-known/openid-configuration")
    Map<String, Object> discovery() {
        String issuer = identityProvider.issuer().toString();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/.well-known/jwks.json");
        document.put("token_endpoint", issuer + "/token");
        document.put("response_types_supported", List.of("token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return document;
    }

    /**
     * A new signing key: the key published as next signs from now on, the old one stays in the key
     * set for the grace period (see {@link DevIdentityProvider}).
     */
    @PostMapping("/keys/rotate")
    Mono<ResponseEntity<Map<String, Object>>> rotate() {
        // generating an RSA key draws on SecureRandom and takes tens of milliseconds: off the event loop
        return Mono.fromCallable(identityProvider::rotate)
                .subscribeOn(Schedulers.boundedElastic())
                .map(rotation -> {
                    log.info("Rotated the dev identity provider's signing key: kid {} signs now, kid {} is published "
                            + "as the next, kid {} stays in the key set until {}", rotation.kid(), rotation.nextKid(),
                            rotation.previousKid(), rotation.previousDroppedAt());
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("kid", rotation.kid());
                    body.put("nextKid", rotation.nextKid());
                    body.put("previousKid", rotation.previousKid());
                    body.put("previousDroppedAt", rotation.previousDroppedAt().toString());
                    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
                });
    }

    @PostMapping("/token")
    Mono<ResponseEntity<IssuedToken>> token(@RequestBody(required = false) String body) {
        TokenRequest request = TokenRequest.parse(JsonBodies.read(body));
        // Signing draws on SecureRandom (RSA blinding, the jti), which reads /dev/urandom: keep it off the event loop.
        return Mono.fromCallable(() -> identityProvider.mint(request.subject(), request.scope(), request.lifetime()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(token -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(token));
    }
}

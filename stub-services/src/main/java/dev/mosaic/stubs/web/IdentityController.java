package dev.mosaic.stubs.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mosaic.stubs.identity.DevIdentityProvider;
import dev.mosaic.stubs.identity.IssuedToken;
import dev.mosaic.stubs.identity.TokenRequest;
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
 * document, and {@code POST /token}, which mints a token for any subject without asking who is
 * calling. See {@link DevIdentityProvider}.
 */
@RestController
class IdentityController {

    private final DevIdentityProvider identityProvider;

    IdentityController(DevIdentityProvider identityProvider) {
        this.identityProvider = identityProvider;
    }

    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        // The key changes on every start: let verifiers refetch rather than cache a stale set.
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

    @PostMapping("/token")
    Mono<ResponseEntity<IssuedToken>> token(@RequestBody(required = false) String body) {
        TokenRequest request = TokenRequest.parse(JsonBodies.read(body));
        // Signing draws on SecureRandom (RSA blinding, the jti), which reads /dev/urandom: keep it off the event loop.
        return Mono.fromCallable(() -> identityProvider.mint(request.subject(), request.scope(), request.lifetime()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(token -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(token));
    }
}

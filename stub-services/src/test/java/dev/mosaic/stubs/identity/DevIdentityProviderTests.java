package dev.mosaic.stubs.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mosaic.stubs.StubClient;
import dev.mosaic.stubs.StubServicesTest;
import dev.mosaic.stubs.backend.BackendServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Tokens from {@code POST /token} verify with Nimbus against the JWKS fetched over HTTP, as the gateway will. */
@StubServicesTest
class DevIdentityProviderTests {

    private static final String ISSUER = "http://localhost:9000";

    @LocalServerPort
    int controlPort;

    @Autowired
    BackendServers servers;

    StubClient client;
    JWKSet jwks;

    @BeforeEach
    void fetchKeySet() throws Exception {
        client = new StubClient(controlPort, servers);
        HttpResponse<String> response = client.get("/.well-known/jwks.json");
        assertThat(response.statusCode()).isEqualTo(200);
        jwks = JWKSet.parse(response.body());
    }

    @Test
    void keySetPublishesPublicRs256SigningKeysTheSigningOneFirstThenTheNext() {
        assertThat(jwks.getKeys()).hasSizeGreaterThanOrEqualTo(2);
        for (JWK key : jwks.getKeys()) {
            assertThat(key.getKeyID()).isNotBlank();
            assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
            assertThat(key.getKeyUse().identifier()).isEqualTo("sig");
            assertThat(key.isPrivate()).as("no private parts published").isFalse();
            assertThat(key.toRSAKey().size()).isEqualTo(2048);
        }
    }

    @Test
    void rotationSignsWithTheKeyPublishedAsNextAndKeepsTheOldOneInTheSet() throws Exception {
        String before = mint("u-42");
        String beforeKid = SignedJWT.parse(before).getHeader().getKeyID();
        String publishedNext = jwks.getKeys().get(1).getKeyID();

        HttpResponse<String> rotated = client.control("POST", "/keys/rotate", null);

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        JsonNode rotation = StubClient.json(rotated);
        assertThat(rotation.get("kid").stringValue()).isEqualTo(publishedNext);
        assertThat(rotation.get("previousKid").stringValue()).isEqualTo(beforeKid);
        assertThat(Instant.parse(rotation.get("previousDroppedAt").stringValue()))
                .isAfter(Instant.now().plus(Duration.ofMinutes(9)));
        String after = mint("u-42");
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(publishedNext);
        assertThat(processor(new Date()).process(after, null).getSubject())
                .as("verifies against the set fetched before the rotation").isEqualTo("u-42");

        fetchKeySet();
        assertThat(jwks.getKeys().stream().map(JWK::getKeyID))
                .startsWith(publishedNext, rotation.get("nextKid").stringValue()).contains(beforeKid);
        assertThat(processor(new Date()).process(before, null).getSubject()).isEqualTo("u-42");
    }

    @Test
    void mintedTokenVerifiesAgainstTheKeySetWithItsClaims() throws Exception {
        HttpResponse<String> response = client.control("POST", "/token", "{\"sub\":\"u-42\",\"scope\":\"dashboard:read\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = StubClient.json(response);
        assertThat(body.get("token_type").stringValue()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").longValue()).isEqualTo(3600);
        String token = body.get("access_token").stringValue();

        JWTClaimsSet claims = processor(new Date()).process(token, null);
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getSubject()).isEqualTo("u-42");
        assertThat(claims.getAudience()).containsExactly("mosaic");
        assertThat(claims.getStringClaim("scope")).isEqualTo("dashboard:read");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
        assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(jwks.getKeys().get(0).getKeyID());
    }

    @Test
    void requestedLifetimeAndScopesAreHonoured() throws Exception {
        JsonNode body = StubClient.json(client.control("POST", "/token",
                "{\"sub\":\"admin_1\",\"scope\":\"dashboard:read dashboard:read:any\",\"expiresIn\":120}"));

        JWTClaimsSet claims = processor(new Date()).process(body.get("access_token").stringValue(), null);
        assertThat(body.get("expires_in").longValue()).isEqualTo(120);
        assertThat(claims.getStringClaim("scope")).isEqualTo("dashboard:read dashboard:read:any");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(120_000);
    }

    @Test
    void tamperedTokenFailsVerification() throws Exception {
        String token = mint("u-42");
        String[] parts = token.split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("u-42", "u-43").getBytes());
        String tampered = parts[0] + "." + forgedClaims + "." + parts[2];

        assertThat(SignedJWT.parse(tampered).getJWTClaimsSet().getSubject()).isEqualTo("u-43");
        assertThatThrownBy(() -> processor(new Date()).process(tampered, null))
                .isInstanceOf(BadJOSEException.class).hasMessageContaining("Signed JWT rejected");
    }

    @Test
    void expiredTokenFailsVerification() throws Exception {
        String token = mint("u-42");
        // Verify as if two hours had passed: past exp plus Nimbus's default 60 s clock skew.
        Date later = new Date(System.currentTimeMillis() + Duration.ofHours(2).toMillis());

        assertThatThrownBy(() -> processor(later).process(token, null))
                .isInstanceOf(BadJWTException.class).hasMessageContaining("Expired JWT");
    }

    @Test
    void tokenFromAnotherIssuerFailsVerification() throws Exception {
        String token = mint("u-42");
        DefaultJWTProcessor<SecurityContext> strict = processor(new Date());
        strict.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer("https://idp.example.com").build(), Set.of("sub")));

        assertThatThrownBy(() -> strict.process(token, null)).isInstanceOf(BadJWTException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"sub\":\"\"}", "{\"sub\":\"u 42\"}", "{\"sub\":42}", "{\"scope\":\"x\"}",
            "{\"sub\":\"u-1\",\"scope\":\"bad\\\"scope\"}", "{\"sub\":\"u-1\",\"expiresIn\":0}",
            "{\"sub\":\"u-1\",\"expiresIn\":999999}", "{\"sub\":\"u-1\",\"role\":\"admin\"}", "{\"sub\":", ""})
    void invalidTokenRequestIsABadRequest(String body) {
        HttpResponse<String> response = client.control("POST", "/token", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = StubClient.json(response);
        assertThat(problem.get("status").intValue()).isEqualTo(400);
        assertThat(problem.get("instance").stringValue()).isEqualTo("/token");
    }

    private String mint(String subject) {
        HttpResponse<String> response = client.control("POST", "/token", "{\"sub\":\"" + subject + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return StubClient.json(response).get("access_token").stringValue();
    }

    private DefaultJWTProcessor<SecurityContext> processor(Date now) throws ParseException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(jwks)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "iat", "exp", "scope")) {
            @Override
            protected Date currentTime() {
                return now;
            }
        });
        return processor;
    }
}

package dev.mosaic.gateway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer token is read as Spring Security's own converter reads it with its defaults: the same
 * token, the same "no token", the same 401 {@code invalid_token} for the same headers, including a
 * few thousand generated ones around the edges of the syntax.
 */
class BearerTokenConverterTests {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LTEifQ.c2lnbmF0dXJl-_";

    private final ServerAuthenticationConverter ours = new BearerTokenConverter();
    private final ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

    @Test
    void aBearerHeaderGivesItsToken() {
        assertThat(outcome(ours, "Bearer " + JWT)).isEqualTo("token " + JWT);
        assertThat(outcome(ours, "bEaReR " + JWT + "==")).isEqualTo("token " + JWT + "==");
    }

    @Test
    void noHeaderOrAnotherSchemeIsNoTokenAtAll() {
        assertThat(outcome(ours, null)).isEqualTo("none");
        assertThat(outcome(ours, "Basic dTpw")).isEqualTo("none");
        assertThat(outcome(ours, "")).isEqualTo("none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer", "Bearer ", "Bearer  " + JWT, "Bearer " + JWT + " ", "Bearer a=b", "Bearer ===",
            "Bearer a,b", "Bearer\t" + JWT, "Bearerx" + JWT, "Bearer " + JWT + "\u00e9"})
    void aBearerHeaderThatIsNotOneTokenIsMalformed(String header) {
        assertThat(outcome(ours, header)).isEqualTo("invalid_token Bearer token is malformed");
        assertThat(outcome(ours, header)).isEqualTo(outcome(spring, header));
    }

    @Test
    void agreesWithSpringSecuritysConverterOnGeneratedHeaders() {
        Random random = new Random(17);
        String alphabet = "aZ09-._~+/= \t,;:\"\u00e9";
        String[] prefixes = {"Bearer ", "bearer ", "BEARER ", "Bearer", "Bearer  ", "Bearerx", "Basic ", "Bear ", ""};
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder header = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(outcome(ours, header)).as("Authorization: [%s]", header).isEqualTo(outcome(spring, header));
        }
    }

    /** What the converter made of the header: {@code token …}, {@code none} or the error's code and description. */
    private static String outcome(ServerAuthenticationConverter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/users/u-1");
        if (header != null) {
            request.header(HttpHeaders.AUTHORIZATION, header);
        }
        return converter.convert(MockServerWebExchange.from(request))
                .map(authentication -> "token " + ((BearerTokenAuthenticationToken) authentication).getToken())
                .onErrorResume(OAuth2AuthenticationException.class, e -> Mono.just(
                        e.getError().getErrorCode() + " " + e.getError().getDescription()))
                .defaultIfEmpty("none")
                .block();
    }
}

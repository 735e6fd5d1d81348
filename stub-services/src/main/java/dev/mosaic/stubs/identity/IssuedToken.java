package dev.mosaic.stubs.identity;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer of {@code POST /token}, shaped like an OAuth 2.0 token response:
 * {@code {"access_token":"<jwt>","token_type":"Bearer","expires_in":3600,"scope":"dashboard:read"}}.
 */
@JsonPropertyOrder({"access_token", "token_type", "expires_in", "scope"})
public record IssuedToken(@JsonProperty("access_token") String accessToken,
                          @JsonProperty("scope") String scope,
                          @JsonIgnore Duration lifetime) {

    @JsonProperty("token_type")
    public String tokenType() {
        return "Bearer";
    }

    @JsonProperty("expires_in")
    public long expiresIn() {
        return lifetime.toSeconds();
    }
}

package dev.mosaic.gateway.security;

import java.time.Duration;

import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The identity provider's key set could not be fetched (down, slower than the timeout, or answering
 * something that is not a JWK set), so the token cannot be checked now: a 503
 * {@code identity-provider-unavailable} with {@code Retry-After}, not a 401 (the token may be fine)
 * and not a 500. A {@link JwtException} but not a {@code BadJwtException}, so that Spring Security
 * reports it as an authentication service failure, which {@link ProblemSecurityHandlers} answers.
 * No stack trace: it is expected, and it is logged (rate-limited) where the fetch fails.
 */
public final class IdentityProviderUnavailableException extends JwtException {

    private final Duration retryAfter;

    IdentityProviderUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // expected and frequent during an outage: the message says it all
        return this;
    }

    /** When a new fetch will be tried. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** {@code error} itself or the first of its causes that is one, else null. */
    static IdentityProviderUnavailableException in(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof IdentityProviderUnavailableException unavailable) {
                return unavailable;
            }
        }
        return null;
    }
}

package dev.mosaic.composer.identity;

import java.util.Set;

/**
 * The caller, as a verified token says: its subject and scopes.
 *
 * @param subject the token's {@code sub}
 * @param scopes the token's scopes
 */
public record Identity(String subject, Set<String> scopes) {

    /** Lets its holder read any composition's data, whoever owns it. */
    public static final Set<String> READ_ANY_SCOPES = Set.of("compositions:read:any", "dashboard:read:any");

    /** The scope every composition needs. */
    public static final String READ_SCOPE = "dashboard:read";

    public Identity {
        scopes = Set.copyOf(scopes);
    }

    /** Whether this caller may read data owned by {@code owner}. */
    public boolean mayRead(String owner) {
        return subject.equals(owner) || readsAny();
    }

    /** Whether this caller may read anyone's data. */
    public boolean readsAny() {
        for (String scope : READ_ANY_SCOPES) {
            if (scopes.contains(scope)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the token allows reading compositions at all. */
    public boolean mayReadCompositions() {
        return scopes.contains(READ_SCOPE) || readsAny();
    }
}

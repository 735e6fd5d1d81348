package dev.mosaic.stubs.identity;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What {@code POST /token} asks for: {@code {"sub":"u-42","scope":"dashboard:read","expiresIn":3600}}.
 * {@code sub} is required and must be a valid user id; {@code scope} (space-separated) defaults to
 * {@value #DEFAULT_SCOPE}; {@code expiresIn} is in seconds, 1–{@value #MAX_EXPIRES_IN}, default
 * {@value #DEFAULT_EXPIRES_IN}.
 */
public record TokenRequest(String subject, String scope, Duration lifetime) {

    public static final String DEFAULT_SCOPE = "dashboard:read";
    public static final long DEFAULT_EXPIRES_IN = 3600;
    public static final long MAX_EXPIRES_IN = 86_400;

    private static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    /** RFC 6749 §3.3: scope tokens of printable ASCII without space, quote or backslash. */
    private static final Pattern SCOPE = Pattern.compile("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*$");
    private static final Set<String> FIELDS = Set.of("sub", "scope", "expiresIn");

    /**
     * Reads and checks a request body.
     *
     * @throws InvalidTokenRequestException when a field is missing, unknown or invalid
     */
    public static TokenRequest parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidTokenRequestException("the body must be a JSON object like {\"sub\":\"u-42\",\"scope\":\"dashboard:read\"}");
        }
        for (String name : json.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidTokenRequestException("unknown field " + name + "; known fields are sub, scope, expiresIn");
            }
        }
        JsonNode sub = json.get("sub");
        if (sub == null || !sub.isString() || !SUBJECT.matcher(sub.stringValue()).matches()) {
            throw new InvalidTokenRequestException("sub is required and must match ^[A-Za-z0-9_-]{1,64}$");
        }
        String scope = DEFAULT_SCOPE;
        JsonNode scopeNode = json.get("scope");
        if (scopeNode != null && !scopeNode.isNull()) {
            if (!scopeNode.isString() || !SCOPE.matcher(scopeNode.stringValue()).matches()) {
                throw new InvalidTokenRequestException("scope must be space-separated scope tokens, e.g. \"dashboard:read\"");
            }
            scope = scopeNode.stringValue();
        }
        long expiresIn = DEFAULT_EXPIRES_IN;
        JsonNode expiresNode = json.get("expiresIn");
        if (expiresNode != null && !expiresNode.isNull()) {
            if (!expiresNode.isIntegralNumber() || !expiresNode.canConvertToLong()
                    || expiresNode.longValue() < 1 || expiresNode.longValue() > MAX_EXPIRES_IN) {
                throw new InvalidTokenRequestException("expiresIn must be a whole number of seconds from 1 to " + MAX_EXPIRES_IN);
            }
            expiresIn = expiresNode.longValue();
        }
        return new TokenRequest(sub.stringValue(), scope, Duration.ofSeconds(expiresIn));
    }
}
